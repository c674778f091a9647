import Foundation
import KlageKernel

extension SQLKlageStore: AccessLogStore {
    public func recordAccess(_ records: [AccessRecord], tenant: TenantID) async throws {
        try await write(tenant) { connection in try Self.insert(records, on: connection) }
    }

    public func complaint(_ id: ComplaintID, tenant: TenantID, recording access: AccessRecord) async throws -> Complaint? {
        try await write(tenant) { connection in
            guard let row = try connection.queryFirst("SELECT * FROM complaints WHERE tenant_id = \(tenant) AND id = \(id)") else { return nil }
            try Self.insert([access], on: connection)
            return try Self.complaint(from: row)
        }
    }

    /// Appends access records; time-ordered, unique sequence ids keep reads in the order they happened.
    static func insert(_ records: [AccessRecord], on connection: any SQLConnection) throws {
        for record in records {
            try connection.execute("""
                INSERT INTO access_log (tenant_id, complaint_id, seq, actor, actor_label, at, purpose)
                VALUES (\(record.tenant), \(record.complaintId), \(IDGenerator.uuidV7(at: record.at)), \(record.actor),
                        \(record.actorLabel), \(record.at), \(record.purpose))
                """)
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
