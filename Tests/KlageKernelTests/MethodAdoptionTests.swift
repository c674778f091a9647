import Foundation
import KlageKernel
import Testing

/// The tenant setting `methodAdoption`: a department's own day, else the day of every department (`"*"`), at Copenhagen midnight.
@Suite struct MethodAdoptionTests {
    let settings: [String: JSONValue] = ["methodAdoption": ["*": "2025-03-01", "Jobcenter": "2025-06-01"]]

    @Test func aDepartmentsOwnDayComesFirstThenTheDayOfEveryDepartment() {
        #expect(TenantSettings.methodAdoption(for: "Jobcenter", in: settings) == Timestamp.parse("2025-05-31T22:00:00Z"), "summer time")
        #expect(TenantSettings.methodAdoption(for: "Borgerservice", in: settings) == Timestamp.parse("2025-02-28T23:00:00Z"))
        #expect(TenantSettings.methodAdoption(for: nil, in: settings) == Timestamp.parse("2025-02-28T23:00:00Z"))
    }

    @Test func withoutTheSettingOrItsStarThereIsNoDay() {
        #expect(TenantSettings.methodAdoption(for: "Jobcenter", in: [:]) == nil)
        #expect(TenantSettings.methodAdoption(for: "Borgerservice", in: ["methodAdoption": ["Jobcenter": "2025-06-01"]]) == nil)
    }

    @Test(arguments: ["2025-02-29", "2025-13-01", "25-03-01", "2025-3-1", "2025-03-01T00:00:00Z", "２０２５-03-01"])
    func onlyARealDayWrittenYYYYMMDDIsADay(text: String) {
        #expect(CopenhagenDay.parse(text) == nil)
        #expect(throws: KlageError.self) { try TenantSettings.validate(["methodAdoption": ["Jobcenter": .string(text)]]) }
    }

    @Test func surveyAtClosingIsOffByDefault() throws {
        #expect(TenantSettings.surveyAtClosing.value(in: [:]) == false)
        #expect(TenantSettings.surveyAtClosing.value(in: ["surveyAtClosing": true]) == true)
        try TenantSettings.validate(["surveyAtClosing": true, "methodAdoption": ["*": "2024-02-29"]])
    }
}
