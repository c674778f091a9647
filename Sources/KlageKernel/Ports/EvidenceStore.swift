public import Foundation

/// Stores effort entries, staff pulses and baselines.
public protocol EvidenceStore: Sendable {
    /// Inserts an effort entry with its events.
    func insertEffort(_ entry: EffortEntry, events: [DomainEvent]) async throws
    /// A complaint's effort entries, oldest first.
    func efforts(of complaint: ComplaintID, tenant: TenantID) async throws -> [EffortEntry]
    /// Inserts an anonymous staff pulse answer.
    func insertPulse(_ pulse: StaffPulse) async throws
    /// Inserts or replaces the baseline for its department and start.
    func saveBaseline(_ baseline: Baseline) async throws
    /// The tenant's baselines, by department and start.
    func baselines(tenant: TenantID) async throws -> [Baseline]
    /// Deletes a baseline; returns whether there was one.
    func deleteBaseline(tenant: TenantID, department: String?, from: Date) async throws -> Bool
}
