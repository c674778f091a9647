public import Foundation
public import KlageKernel
import KlageReports

extension SQLKlageStore: EvidenceStore {
    public func insertEffort(_ entry: EffortEntry, events: [DomainEvent]) async throws {
        try await write(entry.tenant) { connection in
            try connection.execute(try .insert(entry))
            try insert(events, on: connection)
            try Self.markReportDay(tenant: entry.tenant, complaint: entry.complaintId, on: connection)
        }
    }

    public func efforts(of complaint: ComplaintID, tenant: TenantID) async throws -> [EffortEntry] {
        try await read(tenant) { connection in
            try connection.fetchAll(
                EffortEntry.self, SQL.select(EffortEntry.self) + " WHERE tenant_id = \(tenant) AND complaint_id = \(complaint) ORDER BY at, id")
        }
    }

    public func insertPulse(_ pulse: StaffPulse) async throws {
        try await write(pulse.tenant) { connection in _ = try connection.execute(try .insert(pulse)) }
    }

    public func saveBaseline(_ baseline: Baseline) async throws {
        try await write(baseline.tenant) { connection in
            if try connection.execute(try .update(baseline)) == 0 { try connection.execute(try .insert(baseline)) }
        }
    }

    public func baselines(tenant: TenantID) async throws -> [Baseline] {
        try await read(tenant) { connection in
            try connection.fetchAll(Baseline.self, SQL.select(Baseline.self) + " WHERE tenant_id = \(tenant) ORDER BY department, period_from")
        }
    }

    public func deleteBaseline(tenant: TenantID, department: String?, from: Date) async throws -> Bool {
        try await write(tenant) { connection in
            try connection.execute(
                "DELETE FROM baselines WHERE tenant_id = \(tenant) AND department = \(department ?? "") AND period_from = \(from)") > 0
        }
    }
}
