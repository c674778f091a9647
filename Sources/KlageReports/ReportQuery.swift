public import Foundation
import KlageKernel

/// A report's period, grouping and department filter.
public struct ReportQuery: Sendable, Hashable {
    public var from: Date
    public var to: Date
    public var groupBy: ReportGrouping
    public var department: String?

    public init(from: Date, to: Date, groupBy: ReportGrouping = .none, department: String? = nil) {
        self.from = from
        self.to = to
        self.groupBy = groupBy
        self.department = department
    }

    /// The longest period a report covers.
    public static let longestPeriod: TimeInterval = 5 * 366 * 86_400

    /// The query with its department trimmed, checked: `from` before `to`, at most five years.
    /// - Throws: validation naming `to` or `department`.
    public func validated() throws -> ReportQuery {
        guard from < to else { throw KlageError.validation(field: "to", reason: "must be after from") }
        guard to.timeIntervalSince(from) <= Self.longestPeriod else {
            throw KlageError.validation(field: "to", reason: "a period is at most five years")
        }
        var query = self
        query.department = try Validate.optionalText(department, field: "department", max: 100)
        return query
    }
}

/// How long each period of a series is.
public enum ReportInterval: String, Sendable, Hashable, Codable, CaseIterable {
    case week, month, quarter

    /// The starts of the periods covering `[from, to)`, in Copenhagen time: weeks start on Monday.
    func boundaries(from: Date, to: Date) -> [Date] {
        let calendar = ReportDay.calendar
        var start: Date
        switch self {
        case .week:
            var monday = calendar
            monday.firstWeekday = 2
            start = monday.dateInterval(of: .weekOfYear, for: from)?.start ?? from
        case .month:
            start = calendar.dateInterval(of: .month, for: from)?.start ?? from
        case .quarter:
            let month = calendar.component(.month, from: from)
            let first = calendar.dateInterval(of: .month, for: from)?.start ?? from
            start = calendar.date(byAdding: .month, value: -((month - 1) % 3), to: first) ?? first
        }
        var starts: [Date] = []
        while start < to {
            starts.append(start)
            let next: Date?
            switch self {
            case .week: next = calendar.date(byAdding: .day, value: 7, to: start)
            case .month: next = calendar.date(byAdding: .month, value: 1, to: start)
            case .quarter: next = calendar.date(byAdding: .month, value: 3, to: start)
            }
            guard let next, next > start else { break }
            start = next
        }
        return starts
    }
}
