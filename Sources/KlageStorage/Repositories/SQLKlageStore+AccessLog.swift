import Foundation
public import KlageKernel

extension SQLKlageStore: AccessLogStore {
    public func recordAccess(_ records: [AccessRecord], tenant: TenantID) async throws {
        try await write(tenant) { connection in try Self.insert(records, on: connection) }
    }

    public func complaint(_ id: ComplaintID, tenant: TenantID, recording access: AccessRecord) async throws -> Complaint? {
        try await write(tenant) { connection in
            guard let row = try connection.queryFirst("SELECT * FROM complaints WHERE tenant_id = \(tenant) AND id = \(id)") else { return nil }
            try Self.insert([access], on: connection)
            return try Complaint(row: row)
        }
    }

    /// Appends access records; time-ordered, unique sequence ids keep reads in the order they happened.
    static func insert(_ records: [AccessRecord], on connection: any SQLConnection) throws {
        for record in records {
            try connection.execute(try .insert(record))
        }
    }

    public func accessLog(of complaint: ComplaintID, tenant: TenantID) async throws -> [AccessRecord] {
        try await read(tenant) { connection in
            try connection.fetchAll(
                AccessRecord.self, SQL.select(AccessRecord.self) + " WHERE tenant_id = \(tenant) AND complaint_id = \(complaint) ORDER BY seq")
        }
    }
}
