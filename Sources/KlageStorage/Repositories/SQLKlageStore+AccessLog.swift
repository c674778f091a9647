import Foundation
public import KlageKernel

/// The access log, compact: each read is one row of `access_reads` naming its reader and purpose by
/// small per-tenant numbers (`access_readers`, `access_purposes`); identical reads in the same
/// millisecond add to the row's `reads`. Read back, every read is one ``KlageKernel/AccessRecord`` again.
extension SQLKlageStore: AccessLogStore {
    public func recordAccess(_ records: [AccessRecord], tenant: TenantID) async throws {
        try await write(tenant) { connection in try Self.insert(records, on: connection) }
    }

    public func complaint(_ id: ComplaintID, tenant: TenantID, recording access: AccessRecord, visibleAs visibility: ComplaintVisibility) async throws
        -> Complaint?
    {
        let read = ReadBatcher.Read(id: id, access: access, visibility: visibility)
        return try await readBatcher.complaint(read, tenant: tenant) { reads in
            try await write(tenant) { connection in try Self.read(reads, tenant: tenant, on: connection) }
        }
    }

    /// Each read's complaint, each complaint found logged as read (all in one audit-chain append).
    static func read(_ reads: [ReadBatcher.Read], tenant: TenantID, on connection: any SQLConnection) throws
        -> [Result<Complaint?, any Error>]
    {
        var found: [AccessRecord] = []
        let outcomes = reads.map { read -> Result<Complaint?, any Error> in
            Result {
                guard let row = try connection.queryFirst("SELECT * FROM complaints WHERE tenant_id = \(tenant) AND id = \(read.id)")
                else { return nil }
                // One the reader may not see is not found, and its read is not logged.
                let complaint = try Complaint(row: row)
                guard read.visibility.shows(complaint) else { return nil }
                found.append(read.access)
                return complaint
            }
        }
        try insert(found, on: connection)
        return outcomes
    }

    /// Appends access records inside a transaction, and each read to its tenant's audit chain.
    static func insert(_ records: [AccessRecord], on connection: any SQLConnection) throws {
        try AuditChain.append(records, on: connection)
        var readers: [String: Int] = [:]
        var purposes: [String: Int] = [:]
        for record in records {
            let readerKey = record.actor + "\u{1F}" + record.actorLabel
            let reader = try readers[readerKey] ?? number(reader: record, on: connection)
            let purpose = try purposes[record.purpose] ?? number(purpose: record.purpose, tenant: record.tenant, on: connection)
            readers[readerKey] = reader
            purposes[record.purpose] = purpose
            try connection.send(
                """
                INSERT INTO access_reads (tenant_id, complaint_id, at, reader, purpose, reads)
                VALUES (\(record.tenant), \(record.complaintId), \(record.at), \(reader), \(purpose), 1)
                ON CONFLICT (tenant_id, complaint_id, at, reader, purpose) DO UPDATE SET reads = access_reads.reads + 1
                """)
        }
    }

    /// The tenant's number for the reader of `record`, made when it is new.
    static func number(reader record: AccessRecord, on connection: any SQLConnection) throws -> Int {
        try number(
            find: "SELECT id FROM access_readers WHERE tenant_id = \(record.tenant) AND actor = \(record.actor) AND label = \(record.actorLabel)",
            make: """
                INSERT INTO access_readers (tenant_id, id, actor, label)
                SELECT \(record.tenant), COALESCE(MAX(id), 0) + 1, \(record.actor), \(record.actorLabel)
                FROM access_readers WHERE tenant_id = \(record.tenant) ON CONFLICT DO NOTHING
                """, on: connection)
    }

    /// The tenant's number for `purpose`, made when it is new.
    static func number(purpose: String, tenant: TenantID, on connection: any SQLConnection) throws -> Int {
        try number(
            find: "SELECT id FROM access_purposes WHERE tenant_id = \(tenant) AND purpose = \(purpose)",
            make: """
                INSERT INTO access_purposes (tenant_id, id, purpose)
                SELECT \(tenant), COALESCE(MAX(id), 0) + 1, \(purpose)
                FROM access_purposes WHERE tenant_id = \(tenant) ON CONFLICT DO NOTHING
                """, on: connection)
    }

    /// Finds a number, or makes the next one; a concurrent writer that took the same number makes it try again.
    private static func number(find: SQL, make: SQL, on connection: any SQLConnection) throws -> Int {
        for _ in 0..<5 {
            if let row = try connection.queryFirst(find) { return try row.int("id") }
            try connection.execute(make)
        }
        throw StorageError(code: .constraint, message: "could not number an access log reader or purpose")
    }

    public func accessLog(of complaint: ComplaintID, tenant: TenantID) async throws -> [AccessRecord] {
        try await read(tenant) { connection in try Self.accessLog(of: complaint, tenant: tenant, on: connection) }
    }

    /// The reads of a complaint, oldest first, one record per read.
    static func accessLog(of complaint: ComplaintID, tenant: TenantID, on connection: any SQLConnection) throws -> [AccessRecord] {
        let rows = try connection.query(
            """
            SELECT a.at, a.reads, r.actor, r.label, p.purpose FROM access_reads a
            JOIN access_readers r ON r.tenant_id = a.tenant_id AND r.id = a.reader
            JOIN access_purposes p ON p.tenant_id = a.tenant_id AND p.id = a.purpose
            WHERE a.tenant_id = \(tenant) AND a.complaint_id = \(complaint)
            ORDER BY a.at, a.reader, a.purpose
            """)
        return try rows.flatMap { row in
            let record = AccessRecord(
                tenant: tenant, complaintId: complaint, actor: try row.string("actor"), actorLabel: try row.string("label"),
                at: try row.date("at"), purpose: try row.string("purpose"))
            return Array(repeating: record, count: max(1, try row.int("reads")))
        }
    }
}
