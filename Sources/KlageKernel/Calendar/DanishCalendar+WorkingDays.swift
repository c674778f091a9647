public import Foundation

extension DanishCalendar {
    /// The instant `days` working days after `start`, or the given `fraction` of the way there.
    ///
    /// A working day ends at the same clock time on the next working day, held within that day's hours:
    /// counted from the first working instant at or after `start` (the next opening when `start` is outside
    /// working hours), `days` working days later at the same clock time, or that day's closing when the day
    /// closes earlier. With a short Friday (08:00-13:30), a working day from Thursday 15:00 ends on Friday at
    /// 13:30, and one from Friday 12:00 on Monday at 12:00. When every open day keeps the same hours (as on
    /// ``standard``), this is simply `days` times the hours of a day in working hours.
    ///
    /// As with working hours, a due time on a day's opening is read as the close of the working day before:
    /// a working day from Monday's opening ends at Monday's close.
    ///
    /// - Parameters:
    ///   - days: Whole working days, 1 or more.
    ///   - fraction: How much of the working time to `days` has passed, e.g. 0.75 for a warn point.
    ///   - start: When the clock starts.
    public func adding(workingDays days: Int, fraction: Double = 1, to start: Date) -> Date {
        if let hoursPerDay = week.uniformHoursPerDay {
            return adding(workingHours: Double(days) * hoursPerDay * fraction, to: start)
        }
        let from = adding(workingSeconds: 0, to: start)
        let fromDay = self.day(containing: from)
        var day = fromDay
        var (counted, looked) = (0, 0)
        while counted < days, looked < 3_660 {  // at most ten years of days
            day = self.day(containing: day.nextStart)
            if !day.periods.isEmpty { counted += 1 }
            looked += 1
        }
        let end = sameClockTime(as: from, on: day.start) ?? day.start.addingTimeInterval(from.timeIntervalSince(fromDay.start))
        return adding(workingSeconds: workingSeconds(from: from, to: end) * fraction, to: from)
    }

    /// The instant on the local day starting at `dayStart` that shows the clock time `date` shows.
    private func sameClockTime(as date: Date, on dayStart: Date) -> Date? {
        let clock = calendar.dateComponents([.hour, .minute, .second], from: date)
        guard let hour = clock.hour, let minute = clock.minute, let second = clock.second,
            let wholeSecond = calendar.date(bySettingHour: hour, minute: minute, second: second, of: date),
            let sameTime = calendar.date(bySettingHour: hour, minute: minute, second: second, of: dayStart)
        else { return nil }
        return sameTime.addingTimeInterval(date.timeIntervalSince(wholeSecond))
    }
}
