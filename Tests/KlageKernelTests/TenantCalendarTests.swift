import Foundation
import Testing

@testable import KlageKernel

/// A tenant's own working hours and closing days, on real dates in November 2026 (CET, UTC+1): a short
/// Friday, a closing day, a closed weekday, and working days over days of unequal length.
@Suite struct TenantCalendarTests {
    /// Monday to Thursday 08:00-16:00, Friday 08:00-13:30.
    static let shortFriday = WorkingWeek.standard.with(.friday, open: [OpeningHours("08:00-13:30")!])!

    func time(_ text: String) -> Date { Timestamp.parse(text)! }

    @Test func eightWorkingHoursFromFridayNoonLandOnMondayAfterTheShortFriday() {
        let calendar = DanishCalendar(week: Self.shortFriday)
        // Friday 27 November 12:00: 1.5 h until 13:30, the weekend off, 6.5 h on Monday from 08:00.
        let due = calendar.adding(workingHours: 8, to: time("2026-11-27T11:00:00Z"))
        #expect(Timestamp.format(due) == "2026-11-30T13:30:00Z")  // Monday 14:30
        #expect(Timestamp.format(DanishCalendar.standard.adding(workingHours: 8, to: time("2026-11-27T11:00:00Z"))) == "2026-11-30T11:00:00Z")
        #expect(calendar.workingSeconds(from: time("2026-11-27T11:00:00Z"), to: due) == 8 * 3600)
    }

    @Test func aClosingDayIsSkippedAndThePublicHolidaysStayClosed() {
        let calendar = DanishCalendar(closingDays: [CalendarDate("2026-11-30")!])
        #expect(!calendar.isWorkingDay(time("2026-11-30T10:00:00Z")))
        #expect(!calendar.isWorkingDay(time("2026-12-25T10:00:00Z")), "Christmas Day stays a holiday")
        #expect(calendar.isWorkingDay(time("2026-12-01T10:00:00Z")))
        // Friday 15:00: one hour that day; Monday is the tenant's closing day; one more hour on Tuesday.
        let due = calendar.adding(workingHours: 2, to: time("2026-11-27T14:00:00Z"))
        #expect(Timestamp.format(due) == "2026-12-01T08:00:00Z")  // Tuesday 09:00
    }

    @Test func aClosedWeekdayIsSkippedAndAnOpenSaturdayCounts() throws {
        let closedMonday = try #require(WorkingWeek.standard.with(.monday, open: []))
        let due = DanishCalendar(week: closedMonday).adding(workingHours: 2, to: time("2026-11-27T14:00:00Z"))
        #expect(Timestamp.format(due) == "2026-12-01T08:00:00Z")  // past the weekend and the closed Monday
        #expect(!DanishCalendar(week: closedMonday).isWorkingDay(time("2026-11-30T10:00:00Z")))

        let openSaturday = try #require(WorkingWeek.standard.with(.saturday, open: [OpeningHours("09:00-12:00")!]))
        let saturday = DanishCalendar(week: openSaturday).adding(workingHours: 2, to: time("2026-11-27T14:00:00Z"))
        #expect(Timestamp.format(saturday) == "2026-11-28T09:00:00Z")  // Saturday 10:00
    }

    @Test func aLunchClosingIsNotWorkingTime() throws {
        let lunch = try #require(
            WorkingWeek.standard.with(.wednesday, open: [OpeningHours("08:00-12:00")!, OpeningHours("12:30-16:00")!]))
        // Wednesday 25 November 11:00: one hour to noon, then from 12:30.
        let due = DanishCalendar(week: lunch).adding(workingHours: 2, to: time("2026-11-25T10:00:00Z"))
        #expect(Timestamp.format(due) == "2026-11-25T12:30:00Z")  // 13:30
        #expect(DanishCalendar(week: lunch).workingSeconds(from: time("2026-11-25T10:00:00Z"), to: due) == 7_200)
    }

    @Test func minutesCountWhereTheDayOpensOffTheHour() throws {
        let late = try #require(WorkingWeek.standard.with(.monday, open: [OpeningHours("09:15-15:45")!]))
        // Saturday: counting starts at Monday's opening, 09:15.
        let due = DanishCalendar(week: late).adding(workingHours: 1, to: time("2026-11-28T10:00:00Z"))
        #expect(Timestamp.format(due) == "2026-11-30T09:15:00Z")  // Monday 10:15
    }

    @Test func aWorkingDayEndsAtTheSameClockTimeHeldWithinTheNextWorkingDaysHours() {
        let calendar = DanishCalendar(week: Self.shortFriday)
        func end(_ days: Int, from start: String, fraction: Double = 1) -> String {
            Timestamp.format(DeadlineDuration.workingDays(days).end(from: time(start), fraction: fraction, calendar: calendar))
        }
        // Thursday 15:00: Friday closes before 15:00, so the working day ends at Friday's 13:30.
        #expect(end(1, from: "2026-11-26T14:00:00Z") == "2026-11-27T12:30:00Z")
        // Friday 12:00: Monday 12:00, not Monday at 12:00 plus the hours Friday lacks.
        #expect(end(1, from: "2026-11-27T11:00:00Z") == "2026-11-30T11:00:00Z")
        #expect(end(3, from: "2026-11-27T11:00:00Z") == "2026-12-02T11:00:00Z")  // Wednesday 12:00
        // Thursday 12:00 over two days: Friday, then Monday 12:00.
        #expect(end(2, from: "2026-11-26T11:00:00Z") == "2026-11-30T11:00:00Z")
        // Received Thursday evening: counted from Friday's opening, so due at the end of that short Friday.
        #expect(end(1, from: "2026-11-26T19:00:00Z") == "2026-11-27T12:30:00Z")
        // Half of the 6.5 working hours from Thursday 15:00: one hour on Thursday, 2.25 on Friday.
        #expect(end(1, from: "2026-11-26T14:00:00Z", fraction: 0.5) == "2026-11-27T09:15:00Z")
    }

    @Test func workingDaysOnTheStandardWeekAreWholeDaysOfEightHours() {
        #expect(WorkingWeek.standard.uniformHoursPerDay == 8)
        #expect(Self.shortFriday.uniformHoursPerDay == nil)
        let start = time("2026-11-25T10:30:00Z")
        #expect(DanishCalendar.standard.adding(workingDays: 5, to: start) == DanishCalendar.standard.adding(workingHours: 40, to: start))
    }

    @Test(arguments: ["08:00-16:00", "00:00-24:00", "07:45-13:30"])
    func openingHoursParseAndPrint(text: String) {
        #expect(OpeningHours(text)?.description == text)
    }

    @Test(arguments: ["", "8:00-16:00", "08:00-25:00", "24:00-24:00", "16:00-08:00", "08:00-08:00", "08:60-16:00", "24:30-24:45", "08:00"])
    func badOpeningHoursAreRefused(text: String) {
        #expect(OpeningHours(text) == nil)
    }
}
