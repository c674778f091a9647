public import Foundation

/// Before and after a method's adoption, side by side with the figures a leader entered from before Klage.
public struct ReportComparison: Sendable, Encodable {
    /// One side of the comparison: its period and figures.
    public struct Side: Sendable, Encodable {
        public let from: Date
        public let to: Date
        public let figures: EvidenceFigures
    }

    @ExplicitNull public var department: String?
    public let adoptedOn: Date
    public let before: Side
    public let after: Side
    /// The baselines of the department (or the whole tenant) whose period lies before the adoption.
    public let baselines: [Baseline]
}

extension ReportService {
    /// The figures of the `months` before `adoptedOn` and of the months since (up to `months`, and not
    /// past now), for one department or the whole tenant, with its baselines.
    ///
    /// - Throws: validation naming `months`.
    public func compare(department: String?, adoptedOn: Date, months: Int, in tenant: Tenant, now: Date) async throws -> ReportComparison {
        guard (1...60).contains(months) else { throw KlageError.validation(field: "months", reason: "a whole number from 1 to 60") }
        let calendar = ReportDay.calendar
        let beforeFrom = calendar.date(byAdding: .month, value: -months, to: adoptedOn) ?? adoptedOn
        var afterTo = min(calendar.date(byAdding: .month, value: months, to: adoptedOn) ?? adoptedOn, now)
        if afterTo <= adoptedOn { afterTo = adoptedOn.addingTimeInterval(1) }
        let before = try await figures(ReportQuery(from: beforeFrom, to: adoptedOn, department: department), in: tenant)[0]
        let after = try await figures(ReportQuery(from: adoptedOn, to: afterTo, department: department), in: tenant)[0]
        let baselines = try await baselineFigures(department: department, before: adoptedOn, in: tenant)
        return ReportComparison(
            department: department, adoptedOn: adoptedOn, before: .init(from: beforeFrom, to: adoptedOn, figures: before),
            after: .init(from: adoptedOn, to: afterTo, figures: after), baselines: baselines)
    }

    private func baselineFigures(department: String?, before adoptedOn: Date, in tenant: Tenant) async throws -> [Baseline] {
        try await env.store.baselines(tenant: tenant.id).filter { $0.department == department && $0.from < adoptedOn }
    }
}
