/// The citizen behind a complaint: the one place personal data lives.
///
/// Never logged. `description` is redacted so that string interpolation cannot leak it.
public struct Citizen: Sendable, Hashable, Codable, CustomStringConvertible {
    public var name: String
    public var phone: String?
    public var email: String?
    /// The Danish personal identification number (CPR), if the citizen gave it.
    public var cpr: String?

    public init(name: String, phone: String? = nil, email: String? = nil, cpr: String? = nil) {
        self.name = name
        self.phone = phone
        self.email = email
        self.cpr = cpr
    }

    public var description: String { "Citizen(redacted)" }

    /// The citizen as shown to a role that does not need the CPR number: its serial is hidden (`010190-****`).
    public var maskingCPR: Citizen {
        var masked = self
        masked.cpr = cpr.map(CPRNumber.masked)
        return masked
    }

    /// What remains of a citizen once anonymised: no name, phone, e-mail or CPR number.
    public static let anonymised = Citizen(name: PersonalDataScrubber.marker)

    /// The citizen as a caller gives one (`complaint.create`): a name, and a phone, e-mail or CPR number if known.
    public static let fields = [
        FieldSpec("name", .text(max: 200), required: true), FieldSpec("phone", .text(max: 20)), FieldSpec("email", .text(max: 254)),
        FieldSpec("cpr", .text(max: 11)),
    ]
}
