public import Foundation

/// A leader's before-Klage figures per department and period, so before and after compare from day one.
public struct BaselineService: Sendable {
    /// The longest period a baseline may cover, in years.
    public static let maximumYears = 5

    private let env: ServiceEnvironment

    public init(_ env: ServiceEnvironment) {
        self.env = env
    }

    /// Stores a baseline, replacing the one of the same department and start.
    ///
    /// - Parameters:
    ///   - draft: The figures; the tenant and `updatedAt` are set here.
    /// - Throws: validation naming the field: `to` when the period is empty or longer than five years,
    ///   a count below zero, `satisfactionMean` outside 1 to 5, a text too long or (`source`) holding personal data.
    @discardableResult
    public func set(_ draft: Baseline, in tenant: Tenant) async throws -> Baseline {
        let department = try Validate.optionalText(draft.department, field: "department", max: 100)
        guard draft.from < draft.to else { throw KlageError.validation(field: "to", reason: "must be after from") }
        guard draft.to <= CopenhagenDay.adding(years: Self.maximumYears, to: draft.from) else {
            throw KlageError.validation(field: "to", reason: "a baseline covers at most \(Self.maximumYears) years")
        }
        for (field, count) in [("received", draft.received), ("appealsForwarded", draft.appealsForwarded)] {
            if let count, count < 0 { throw KlageError.validation(field: field, reason: "must not be negative") }
        }
        if let days = draft.medianDaysToClose, !(days >= 0 && days.isFinite) {
            throw KlageError.validation(field: "medianDaysToClose", reason: "must not be negative")
        }
        if let mean = draft.satisfactionMean, !(1...5).contains(mean) {
            throw KlageError.validation(field: "satisfactionMean", reason: "must be from 1 to 5")
        }
        let source = try Validate.optionalText(draft.source, field: "source", max: 200)
        if let source { try Validate.freeOfPersonalData(source, field: "source") }
        let baseline = Baseline(
            tenant: tenant.id, department: department, from: draft.from, to: draft.to, received: draft.received,
            appealsForwarded: draft.appealsForwarded, medianDaysToClose: draft.medianDaysToClose, satisfactionMean: draft.satisfactionMean,
            source: source, updatedAt: env.clock.now())
        try await env.store.saveBaseline(baseline)
        return baseline
    }

    /// The tenant's baselines, by department (the municipality's first) and start.
    public func list(in tenant: Tenant) async throws -> [Baseline] {
        try await env.store.baselines(tenant: tenant.id)
    }

    /// Deletes the baseline of `department` (the municipality's when `nil`) starting at `from`.
    ///
    /// - Throws: not found when there is none.
    public func delete(department: String?, from: Date, in tenant: Tenant) async throws {
        let department = try Validate.optionalText(department, field: "department", max: 100)
        guard try await env.store.deleteBaseline(tenant: tenant.id, department: department, from: from) else {
            throw KlageError.notFound("baseline")
        }
    }
}
