import KlageKernel
import Testing

/// The CPR number's rules: ten digits with or without the hyphen, a real birth date by the century
/// its serial gives, no modulus-11 check; masked as `DDMMYY-****`.
@Suite struct CPRNumberTests {
    @Test(
        arguments: [
            ("010190-1234", "0101901234"), ("0101901234", "0101901234"), ("010190-1235", "0101901235"),
            ("290200-4000", "2902004000"), ("290200-0000", nil), ("290204-5000", "2902045000"), ("310490-1234", nil),
            ("000190-1234", nil), ("010090-1234", nil), ("01019O1234", nil), ("010190 1234", nil), ("010190--234", nil), ("", nil),
        ] as [(String, String?)])
    func formatAndDate(_ input: String, _ expected: String?) {
        #expect(CPRNumber.normalised(input) == expected)
    }

    @Test func masking() {
        #expect(CPRNumber.masked("0101901234") == "010190-****")
        #expect(Citizen(name: "K", cpr: "0101901234").maskingCPR.cpr == "010190-****")
        #expect(Citizen(name: "K").maskingCPR.cpr == nil)
    }
}
