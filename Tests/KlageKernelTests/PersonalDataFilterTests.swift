import Foundation
import KlageKernel
import Testing

/// The personal-data filter on learning items: what it refuses, what it keeps, and that it never echoes.
@Suite struct PersonalDataFilterTests {
    @Test(arguments: [
        ("Citizen 010203-1234 called", PersonalDataFilter.Finding.cprNumber),
        ("CPR 010203 1234 was in the letter", .cprNumber),
        ("Her number 0102031234 was on the form", .cprNumber),
        ("Call 12345678 back", .phoneNumber),
        ("Call 12 34 56 78 back", .phoneNumber),
        ("Call 1234 5678 back", .phoneNumber),
        ("Call +45 12 34 56 78 back", .phoneNumber),
        ("Call +4512345678 back", .phoneNumber),
        ("Call +45 1234 5678 back", .phoneNumber),
        ("Call 0045 12345678 back", .phoneNumber),
        ("Call 004512345678 back", .phoneNumber),
        ("tlf.33663366", .phoneNumber),
        ("Relative abroad: +44 20 7946 0958", .phoneNumber),
        ("Relative abroad: +1 (555) 123-4567", .phoneNumber),
        ("Wrote from jens.hansen@example.dk about it", .emailAddress),
        ("Mail: A.B-C+tag@mail.kommune.dk.", .emailAddress),
    ])
    func personalDataIsRefusedNamingWhatWasFound(text: String, expected: PersonalDataFilter.Finding) throws {
        #expect(PersonalDataFilter.firstFinding(in: text) == expected)
        let error = try #require(throws: KlageError.self) { try Validate.freeOfPersonalData(text, field: "insight") }
        #expect(error.code == .validation)
        #expect(error.field == "insight")
        let reason = try #require(error.reason)
        #expect(reason.contains(expected.rawValue))
        // The reason names the kind of data, never the value.
        let digits = text.filter(\.isNumber)
        #expect(digits.count < 4 || !reason.contains(String(digits.suffix(4))))
        #expect(!reason.contains("@"))
    }

    @Test(arguments: [
        "Letters were unclear in 2026",
        "From 2024 to 2026 complaints fell from 52 to 38",
        "The fee was kr. 1.500 and nobody explained it",
        "A grant of 1.500.000 kr. was never announced",
        "The bill said 12.345.678,50 kr.",
        "Meeting on 25-11-2026 about the plans",
        "Meeting on 25.11.2026 at 14:30",
        "Case ESDH-2026-0001 waited nine weeks",
        "Journal 27.12.03-G01-1-26 was not updated",
        "Call 112 or 1813 in an emergency",
        "Three of 250 staff trained in week 47",
        "Write to @kommunen on social media",
        "The hotline 7010 is unclear",
        "Plans were handed over after 14 days, 3 hours",
        "Price list 2026 v2, page 12 of 40",
    ])
    func ordinaryTextIsKept(text: String) {
        #expect(PersonalDataFilter.firstFinding(in: text) == nil)
        #expect((try? Validate.freeOfPersonalData(text, field: "title")) != nil)
    }
}
