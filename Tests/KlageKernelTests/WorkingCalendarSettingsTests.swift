import Foundation
import Testing

@testable import KlageKernel

/// The tenant settings `workingHours` and `closingDays`: validated strictly, naming the field, and the
/// calendar every working-time clock of the tenant runs on.
@Suite struct WorkingCalendarSettingsTests {
    static let shortFridayAndClosing: [String: JSONValue] = [
        "workingHours": ["friday": "08:00-13:30"], "closingDays": ["2026-11-30", "2026-12-23"],
    ]

    @Test func aTenantThatSetsNeitherKeepsTheStandardCalendar() {
        #expect(TenantSettings.workingCalendar(in: [:]) == nil)
        #expect(WorkflowEngine().calendar(for: ["reopenWindowDays": 14]).week == .standard)
        #expect(WorkflowEngine().calendar(for: [:]).closingDays.isEmpty)
    }

    @Test func theSettingsMakeTheTenantsCalendarAndTheDaysLeftOutKeepTheStandardHours() throws {
        let calendar = try #require(TenantSettings.workingCalendar(in: Self.shortFridayAndClosing))
        #expect(calendar.week.hours(on: .friday) == [OpeningHours("08:00-13:30")!])
        #expect(calendar.week.hours(on: .monday) == [OpeningHours("08:00-16:00")!])
        #expect(calendar.week.hours(on: .saturday).isEmpty)
        #expect(calendar.closingDays == [CalendarDate("2026-11-30")!, CalendarDate("2026-12-23")!])
        try TenantSettings.validate(Self.shortFridayAndClosing)
        try TenantSettings.validate([
            "workingHours": ["monday": "closed", "wednesday": ["08:00-12:00", "12:00-16:00"], "saturday": "09:00-12:00", "sunday": "00:00-24:00"]
        ])
    }

    @Test func theEngineStartsAndResumesATenantsClocksOnItsCalendar() throws {
        let definition = WorkflowDefinition(
            id: "test.flow", title: .same("t"), initialState: "received",
            states: [WorkflowState("received", title: .same("R")), WorkflowState("closed", title: .same("C"), isFinal: true)],
            actions: [WorkflowAction("close", title: .same("Close"), from: ["received"], to: "closed", outcomes: [.upheld])],
            deadlines: [DeadlineRule("answer", title: .same("Answer"), starts: .onReceipt, duration: .workingHours(8), metBy: .closing)]
        )
        let friday = Timestamp.parse("2026-11-27T11:00:00Z")!  // Friday 12:00
        var complaint = Complaint(
            id: "c", tenant: "t", workflowVersion: 1, state: "x",
            intake: NewComplaint(
                workflow: definition.id, track: .dissatisfaction, channel: .letter, subject: "s", description: "d", citizen: Citizen(name: "n")),
            receivedAt: friday, createdAt: friday, updatedAt: friday
        )
        let engine = WorkflowEngine()
        _ = engine.start(&complaint, in: definition, settings: Self.shortFridayAndClosing)
        // 1.5 h on the short Friday, Monday closed, 6.5 h on Tuesday from 08:00.
        #expect(complaint.deadlines.first.map { Timestamp.format($0.dueAt) } == "2026-12-01T13:30:00Z")
        // Paused at once, resumed a week later on Friday 12:00: the 8 working hours it had are left.
        _ = try engine.pause(&complaint, at: friday)
        _ = try engine.resume(&complaint, at: Timestamp.parse("2026-12-04T11:00:00Z")!, settings: Self.shortFridayAndClosing)
        #expect(complaint.deadlines.first.map { Timestamp.format($0.dueAt) } == "2026-12-07T13:30:00Z")
    }

    @Test(
        arguments: [
            (["friday": "08:00-25:00"], "settings.workingHours.friday"),
            (["friday": "16:00-08:00"], "settings.workingHours.friday"),
            (["friday": "8-16"], "settings.workingHours.friday"),
            (["friday": ["08:00-12:00", "11:00-16:00"]], "settings.workingHours.friday"),
            (["friday": ["13:00-16:00", "08:00-12:00"]], "settings.workingHours.friday"),
            (["friday": ["08:00-12:00", "13:00-16:60"]], "settings.workingHours.friday[1]"),
            (["friday": []], "settings.workingHours.friday"),
            (["friday": 8], "settings.workingHours.friday"),
            (["fredag": "08:00-16:00"], "settings.workingHours.fredag"),
            (["Friday": "08:00-16:00"], "settings.workingHours.Friday"),
            (
                ["monday": "closed", "tuesday": "closed", "wednesday": "closed", "thursday": "closed", "friday": "closed"],
                "settings.workingHours"
            ),
            ("08:00-16:00", "settings.workingHours"),
        ] as [(JSONValue, String)])
    func badWorkingHoursAreRefusedNamingTheDay(value: JSONValue, field: String) {
        let error = #expect(throws: KlageError.self) { try TenantSettings.validate(["workingHours": value]) }
        #expect(error?.field == field)
        #expect(TenantSettings.workingHours.parse(value) == nil)
    }

    @Test(
        arguments: [
            (["2026-02-30"], "settings.closingDays[0]"),
            (["2026-12-24", "24-12-2026"], "settings.closingDays[1]"),
            (["2026-12-24", "2027-06-05", "2026-12-24"], "settings.closingDays[2]"),
            ([2026], "settings.closingDays[0]"),
            ("2026-12-24", "settings.closingDays"),
            (.array(Array(repeating: "2026-12-24", count: 367)), "settings.closingDays"),
        ] as [(JSONValue, String)])
    func badClosingDaysAreRefusedNamingTheEntry(value: JSONValue, field: String) {
        let error = #expect(throws: KlageError.self) { try TenantSettings.validate(["closingDays": value]) }
        #expect(error?.field == field)
        #expect(TenantSettings.closingDays.parse(value) == nil)
    }

    @Test func a366DayYearOfClosingDaysIsAllowed() throws {
        var day = Timestamp.parse("2028-01-01T12:00:00Z")!
        var days: [JSONValue] = []
        for _ in 0..<ClosingDaysSetting.maxDays {
            days.append(.string(String(Timestamp.format(day).prefix(10))))
            day.addTimeInterval(86_400)
        }
        try TenantSettings.validate(["closingDays": .array(days)])
        #expect(TenantSettings.closingDays.value(in: ["closingDays": .array(days)]).count == 366)
    }
}
