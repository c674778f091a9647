public import Foundation
public import KlageKernel

/// Before and after a method's adoption over windows of equal length, side by side with the figures a
/// leader entered from before Klage. Counts are compared as rates per month: raw counts over windows
/// of different length say nothing.
public struct ReportComparison: Sendable, Encodable {
    /// One side of the comparison: its period, its length in months, its figures and its rates per month.
    public struct Side: Sendable, Encodable {
        public let from: Date
        public let to: Date
        /// The window's length: whole calendar months, or a fraction of an average month (30.4375 days)
        /// while less than a month has passed since the adoption.
        public let months: Double
        public let figures: EvidenceFigures
        public let perMonth: Rates

        /// One side's figures over `months` months, with its rates per month.
        public init(from: Date, to: Date, months: Double, figures: EvidenceFigures) {
            self.from = from
            self.to = to
            self.months = months
            self.figures = figures
            perMonth = Rates(figures, months: months)
        }
    }

    /// The counts of one side divided by its length in months.
    public struct Rates: Sendable, Encodable {
        public let received: Double
        public let closed: Double
        public let stoppedByDialogue: Double
        public let appealsForwarded: Double
        public let escalated: Double

        init(_ figures: EvidenceFigures, months: Double) {
            let rate = { (count: Int) in months > 0 ? Double(count) / months : 0 }
            received = rate(figures.received)
            closed = rate(figures.closed)
            stoppedByDialogue = rate(figures.stoppedByDialogue.count)
            appealsForwarded = rate(figures.appeals.forwarded)
            escalated = rate(figures.escalated)
        }
    }

    @ExplicitNull public var department: String?
    public let adoptedOn: Date
    public let before: Side
    public let after: Side
    /// The baselines of the department (or the whole tenant) whose period lies before the adoption.
    public let baselines: [Baseline]

    public init(department: String?, adoptedOn: Date, before: Side, after: Side, baselines: [Baseline]) {
        self.department = department
        self.adoptedOn = adoptedOn
        self.before = before
        self.after = after
        self.baselines = baselines
    }
}

extension ReportService {
    /// The figures of equal windows before and after `adoptedOn`, for one department or the whole
    /// tenant, with its baselines: `months` whole months on each side, as many as have passed since the
    /// adoption when fewer have (and while less than one has, the time passed on each side).
    ///
    /// - Throws: validation naming `months`.
    public func compare(department: String?, adoptedOn: Date, months: Int, in tenant: Tenant, now: Date) async throws -> ReportComparison {
        guard (1...60).contains(months) else { throw KlageError.validation(field: "months", reason: "a whole number from 1 to 60") }
        let window = Self.equalWindows(adoptedOn: adoptedOn, months: months, now: now)
        let before = try await figures(ReportQuery(from: window.beforeFrom, to: adoptedOn, department: department), in: tenant)[0]
        let after = try await figures(ReportQuery(from: adoptedOn, to: window.afterTo, department: department), in: tenant)[0]
        let baselines = try await baselineFigures(department: department, before: adoptedOn, in: tenant)
        return ReportComparison(
            department: department, adoptedOn: adoptedOn,
            before: .init(from: window.beforeFrom, to: adoptedOn, months: window.months, figures: before),
            after: .init(from: adoptedOn, to: window.afterTo, months: window.months, figures: after), baselines: baselines)
    }

    /// An average month, for windows shorter than one.
    static let averageMonth: TimeInterval = 30.4375 * 86_400

    /// The before and after windows of equal length around `adoptedOn`, and that length in months.
    static func equalWindows(adoptedOn: Date, months: Int, now: Date) -> (beforeFrom: Date, afterTo: Date, months: Double) {
        let calendar = ReportDay.calendar
        let passed = (1...months).last { (calendar.date(byAdding: .month, value: $0, to: adoptedOn) ?? .distantFuture) <= now } ?? 0
        if passed > 0 {
            return (
                calendar.date(byAdding: .month, value: -passed, to: adoptedOn) ?? adoptedOn,
                calendar.date(byAdding: .month, value: passed, to: adoptedOn) ?? adoptedOn, Double(passed)
            )
        }
        let length = max(now.timeIntervalSince(adoptedOn), 1)
        return (adoptedOn.addingTimeInterval(-length), adoptedOn.addingTimeInterval(length), length / averageMonth)
    }

    private func baselineFigures(department: String?, before adoptedOn: Date, in tenant: Tenant) async throws -> [Baseline] {
        try await store.baselines(tenant: tenant.id).filter { $0.department == department && $0.from < adoptedOn }
    }
}
