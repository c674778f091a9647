import Foundation
import Testing

@testable import KlageKernel

/// Working-hour deadlines skip weekends and Danish public holidays, on real dates.
@Suite struct DanishCalendarTests {
    let calendar = DanishCalendar.standard

    func time(_ text: String) -> Date { Timestamp.parse(text)! }

    @Test(arguments: [(2026, 4, 5), (2027, 3, 28), (2028, 4, 16), (2024, 3, 31), (2025, 4, 20)])
    func easterSundayIsComputed(year: Int, month: Int, day: Int) {
        #expect(DanishCalendar.easterSunday(year) == (month, day))
    }

    @Test func easter2027IsFourDaysOff() {
        for day in ["2027-03-25", "2027-03-26", "2027-03-28", "2027-03-29", "2027-05-06", "2027-05-17"] {
            #expect(!calendar.isWorkingDay(time("\(day)T10:00:00Z")), "\(day) is a holiday")
        }
        #expect(calendar.isWorkingDay(time("2027-03-24T10:00:00Z")))
        #expect(calendar.isWorkingDay(time("2027-03-30T10:00:00Z")))
    }

    @Test func eightWorkingHoursOverEaster2027LandOnTheTuesdayAfter() {
        // Wednesday 24 March 15:00 CET: one hour that day, then Maundy Thursday, Good Friday, the
        // weekend and Easter Monday are off; seven more hours on Tuesday, now in summer time (CEST).
        let due = calendar.adding(workingHours: 8, to: time("2027-03-24T14:00:00Z"))
        #expect(Timestamp.format(due) == "2027-03-30T13:00:00Z")
    }

    @Test func twoWorkingDaysOverChristmasSkipTheHolidaysAndTheWeekend() {
        // Wednesday 23 December 2026 12:00 CET: 4 h that day; 24, 25, 26 December and Sunday off;
        // 8 h on Monday 28th; 4 h on Tuesday 29th.
        let due = DeadlineDuration.workingDays(2).end(from: time("2026-12-23T11:00:00Z"), calendar: calendar)
        #expect(Timestamp.format(due) == "2026-12-29T11:00:00Z")
    }

    @Test func aFridayAfternoonDeadlineRunsOverTheWeekend() {
        let due = calendar.adding(workingHours: 2, to: time("2026-11-27T14:00:00Z"))  // Friday 15:00 CET
        #expect(Timestamp.format(due) == "2026-11-30T08:00:00Z")  // Monday 09:00 CET
        #expect(calendar.workingSeconds(from: time("2026-11-27T14:00:00Z"), to: due) == 7_200)
    }

    @Test func aComplaintArrivingAtNightStartsCountingAtOpening() {
        let due = calendar.adding(workingHours: 1, to: time("2026-11-25T22:00:00Z"))  // Wednesday 23:00 CET
        #expect(Timestamp.format(due) == "2026-11-26T08:00:00Z")  // Thursday 09:00 CET
    }

    @Test(arguments: ["24h", "10d", "8wh", "5wd"])
    func durationsParseAndPrint(text: String) {
        #expect(DeadlineDuration(text)?.description == text)
    }

    @Test(arguments: ["", "h", "0h", "-1d", "5 days", "99999h"])
    func badDurationsAreRefused(text: String) {
        #expect(DeadlineDuration(text) == nil)
    }
}
