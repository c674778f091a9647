import Foundation
public import KlageKernel
import KlageReports

extension SQLKlageStore {
    /// Writes every record of `batch` in one transaction, with multi-row inserts, and marks the days
    /// its complaints were received as changed for the report figures.
    ///
    /// For bulk loads (`klage generate`, imports); the records are taken as they are, unchecked by the
    /// services, so the caller builds them valid. Every record must belong to `tenant`.
    ///
    /// - Throws: ``KlageKernel/KlageError`` conflict when a record exists already, e.g. the same ids again.
    public func insertBatch(_ batch: RecordBatch, tenant: TenantID) async throws {
        try await insertBatch(try batch.prepared(), tenant: tenant)
    }

    /// Writes a batch whose statements were built already (``RecordBatch/prepared()``), e.g. in parallel
    /// with the previous batch's write: the single writer then only runs them.
    public func insertBatch(_ batch: PreparedBatch, tenant: TenantID) async throws {
        try await write(tenant) { connection in
            for statement in batch.statements { try connection.execute(statement) }
            try AuditChain.append(batch.auditLinks, tenant: tenant, on: connection)
            for day in batch.days {
                try connection.execute("INSERT INTO report_changes (tenant_id, day, id) VALUES (\(tenant), \(day), \(UUID().uuidString))")
            }
        }
    }

    /// The distinct report days the complaints were received on; one calendar lookup per hour of receipt.
    static func reportDays(of complaints: [Complaint]) -> [Int] {
        var days = Set<Int>()
        var seenHours = Set<Int64>()
        for complaint in complaints {
            let hour = Int64((complaint.receivedAt.timeIntervalSince1970 / 3_600).rounded(.down))
            if seenHours.insert(hour).inserted { days.insert(ReportDay.of(complaint.receivedAt)) }
        }
        return days.sorted()
    }
}
