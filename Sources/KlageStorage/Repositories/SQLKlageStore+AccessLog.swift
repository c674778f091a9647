import Foundation
import KlageKernel

extension SQLKlageStore: AccessLogStore {
    public func recordAccess(_ records: [AccessRecord], tenant: TenantID) async throws {
        // Time-ordered, unique sequence ids keep reads in the order they happened.
        let rows: [(AccessRecord, String)] = records.map { ($0, IDGenerator.uuidV7(at: $0.at)) }
        try await write(tenant) { connection in
            for (record, seq) in rows {
                try connection.execute("""
                    INSERT INTO access_log (tenant_id, complaint_id, seq, actor, actor_label, at, purpose)
                    VALUES (\(record.tenant), \(record.complaintId), \(seq), \(record.actor), \(record.actorLabel), \(record.at), \(record.purpose))
                    """)
            }
        }
    }

    public func accessLog(of complaint: ComplaintID, tenant: TenantID) async throws -> [AccessRecord] {
        try await read(tenant) { connection in
            try connection.query("SELECT * FROM access_log WHERE tenant_id = \(tenant) AND complaint_id = \(complaint) ORDER BY seq").map { row in
                AccessRecord(tenant: try row.value("tenant_id"), complaintId: try row.value("complaint_id"), actor: try row.string("actor"),
                             actorLabel: try row.string("actor_label"), at: try row.date("at"), purpose: try row.string("purpose"))
            }
        }
    }
}
