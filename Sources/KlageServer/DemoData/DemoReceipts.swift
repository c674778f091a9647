import Foundation
import KlageKernel
import KlageReports

/// When demo complaints arrive: more on working days and in working hours, fewer in July and at
/// Christmas, spread over whole Copenhagen days. Complaint `i` of `n` lands at quantile `(i + u) / n`,
/// so receipt times rise with `i` and ids made from them are in time order.
struct DemoReceipts: Sendable {
    /// The first day (a ``KlageReports/ReportDay``) and each day's cumulative weight.
    private let firstDay: Int
    private let cumulative: [Double]
    /// Each day's start, looked up once.
    private let dayStarts: [Date]
    /// The share of a day's complaints that arrive by each hour, cumulative over 24 hours.
    private let workingHours: [Double]
    private let offHours: [Double]

    /// Days `[firstDay, endDay)`.
    init(firstDay: Int, endDay: Int, calendar: DanishCalendar = .standard) {
        self.firstDay = firstDay
        var total = 0.0
        var cumulative: [Double] = []
        var dayStarts: [Date] = []
        cumulative.reserveCapacity(max(0, endDay - firstDay))
        let months = Calendar(identifier: .gregorian)
        for day in firstDay..<max(firstDay, endDay) {
            dayStarts.append(ReportDay.start(day))
            let noon = ReportDay.start(day).addingTimeInterval(12 * 3_600)
            var weight = calendar.isWorkingDay(noon) ? 1.0 : 0.22
            switch months.component(.month, from: noon) {
            case 7: weight *= 0.65
            case 12: weight *= 0.85
            case 1, 8: weight *= 1.1
            default: break
            }
            total += weight
            cumulative.append(total)
        }
        self.cumulative = cumulative
        self.dayStarts = dayStarts
        func hours(_ weights: [Double]) -> [Double] {
            var sum = 0.0
            let total = weights.reduce(0, +)
            return weights.map {
                sum += $0 / total
                return sum
            }
        }
        let day: [Double] = [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 6, 9, 10, 9, 8, 9, 8, 6, 3, 2, 2, 2, 1.5, 1, 0.5, 0.3]
        let off: [Double] = [0.5, 0.3, 0.2, 0.2, 0.2, 0.3, 0.5, 1, 2, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 2, 1.5, 1]
        workingHours = hours(day)
        offHours = hours(off)
    }

    /// The receipt time at quantile `q` in `[0, 1)`.
    func time(atQuantile q: Double) -> Date {
        guard let total = cumulative.last, total > 0 else { return ReportDay.start(firstDay) }
        let point = min(max(q, 0), 0.999_999_999) * total
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > point { high = middle } else { low = middle + 1 }
        }
        let before = low == 0 ? 0 : cumulative[low - 1]
        let fraction = (point - before) / (cumulative[low] - before)
        let dayStart = dayStarts[low]
        let isWorkingDay = cumulative[low] - before >= 0.5
        let table = isWorkingDay ? workingHours : offHours
        let hour = table.firstIndex { $0 > fraction } ?? 23
        let hourStart = hour == 0 ? 0 : table[hour - 1]
        let withinHour = (fraction - hourStart) / max(table[hour] - hourStart, 1e-9)
        return dayStart.addingTimeInterval((Double(hour) + withinHour) * 3_600)
    }
}
