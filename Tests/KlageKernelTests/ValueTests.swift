import Foundation
import Testing

@testable import KlageKernel

/// Times, ids and input rules.
@Suite struct ValueTests {
    @Test(arguments: [
        ("2026-11-25T09:30:00Z", "2026-11-25T09:30:00Z"),
        ("2026-11-25T09:30:00.250Z", "2026-11-25T09:30:00.250Z"),
        ("2026-11-25T09:30:00.123456Z", "2026-11-25T09:30:00.123Z"),
        ("2026-11-25T09:30:00.5Z", "2026-11-25T09:30:00.500Z"),
        ("2026-11-25T10:30:00+01:00", "2026-11-25T09:30:00Z"),
        ("2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
        ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
        ("9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"),
        ("2000-01-01T00:00:00.001Z", "2000-01-01T00:00:00.001Z"),
    ])
    func timestampsRoundTripInUTC(input: String, expected: String) throws {
        let date = try #require(Timestamp.parse(input))
        #expect(Timestamp.format(date) == expected)
    }

    @Test func anyInstantFromYear1To9999RoundTripsToTheMillisecond() throws {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let millis = Int64.random(in: -62_135_596_800_000...253_402_300_799_999, using: &random)
            let date = Date(timeIntervalSince1970: Double(millis) / 1000)
            let text = Timestamp.format(date)
            #expect(text.utf8.count == (millis % 1000 == 0 ? 20 : 24), "\(text)")
            let back = try #require(Timestamp.parse(text), "\(text)")
            #expect(Int64((back.timeIntervalSince1970 * 1000).rounded()) == millis, "\(text)")
        }
    }

    @Test(arguments: ["2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "2026-11-25 09:30:00Z", "2026-11-25T09:30:00", "yesterday", ""])
    func malformedTimesAreRefused(input: String) {
        #expect(Timestamp.parse(input) == nil)
    }

    @Test func idsAreTimeOrderedAndStrictlyIncreasing() {
        let ids = IDGenerator(clock: FixedClock(Date(timeIntervalSince1970: 1_800_000_000)))
        let made: [ComplaintID] = (0..<2000).map { _ in ids.next() }
        #expect(made == made.sorted())
        #expect(Set(made).count == made.count)
        #expect(made[0].rawValue.count == 36)
        #expect(Array(made[0].rawValue)[14] == "7")
    }

    @Test func inputRulesNameTheField() {
        #expect(throws: KlageError.validation(field: "subject", reason: "must not be empty")) { try Validate.text("  ", field: "subject", max: 10) }
        #expect(throws: KlageError.self) { try Validate.phone("call me", field: "citizen.phone") }
        #expect(throws: KlageError.self) { try Validate.email("no-at-sign", field: "citizen.email") }
        #expect(throws: KlageError.self) { try Validate.cpr("12345", field: "citizen.cpr") }
        #expect((try? Validate.cpr("010203-1234", field: "cpr")) == "0102031234")
        #expect(throws: KlageError.self) { try Validate.freeOfPersonalData("Citizen 010203-1234 called", field: "insight") }
        #expect(throws: KlageError.self) { try Validate.freeOfPersonalData("Call 12 34 56 78 back", field: "insight") }
        #expect((try? Validate.freeOfPersonalData("Letters were unclear in 2026", field: "insight")) != nil)
    }

    @Test func citizenDescriptionsAreRedacted() {
        let citizen = Citizen(name: "Jens Hansen", phone: "+4512345678", cpr: "0102031234")
        #expect("\(citizen)" == "Citizen(redacted)")
    }
}
