public import Foundation
public import KlageKernel
import KlageReports

extension SQLKlageStore: PluginRecordStore {
    /// A record whose id is stored already is left as it is: a plug-in hook that runs again for the
    /// same delivery creates its records with the same ids (``KlageKernel/DerivedIDs``).
    public func insertRecord(_ record: PluginRecord, plugin: PluginID, tenant: TenantID) async throws {
        let body = try RowJSON.text(record.body)
        try await write(tenant) { connection in
            try connection.execute(
                """
                INSERT INTO plugin_records (tenant_id, plugin, kind, id, body, ref, state, due_at, version, created_at, updated_at)
                VALUES (\(tenant), \(plugin), \(record.kind), \(record.id), \(body), \(record.ref), \(record.state), \(record.dueAt),
                        \(record.version), \(record.createdAt), \(record.updatedAt))
                ON CONFLICT DO NOTHING
                """)
        }
    }

    public func updateRecord(_ record: PluginRecord, expectedVersion: Int, plugin: PluginID, tenant: TenantID) async throws {
        let body = try RowJSON.text(record.body)
        try await write(tenant) { connection in
            let changed = try connection.execute(
                """
                UPDATE plugin_records SET body = \(body), ref = \(record.ref), state = \(record.state), due_at = \(record.dueAt),
                    version = \(record.version), updated_at = \(record.updatedAt)
                WHERE tenant_id = \(tenant) AND plugin = \(plugin) AND kind = \(record.kind) AND id = \(record.id) AND version = \(expectedVersion)
                """)
            if changed == 0 { throw KlageError.conflict("the \(record.kind) changed meanwhile; read it again") }
        }
    }

    public func record(kind: String, id: String, plugin: PluginID, tenant: TenantID) async throws -> PluginRecord? {
        try await read(tenant) { connection in
            try connection.queryFirst(
                """
                SELECT * FROM plugin_records WHERE tenant_id = \(tenant) AND plugin = \(plugin) AND kind = \(kind) AND id = \(id)
                """
            ).map(Self.pluginRecord(from:))
        }
    }

    public func records(kind: String, matching query: PluginRecordQuery, plugin: PluginID, tenant: TenantID) async throws -> [PluginRecord] {
        try await read(tenant) { connection in
            var sql: SQL = "SELECT * FROM plugin_records WHERE tenant_id = \(tenant) AND plugin = \(plugin) AND kind = \(kind)"
            if let ref = query.ref { sql = sql + " AND ref = \(ref)" }
            if let state = query.state { sql = sql + " AND state = \(state)" }
            if let dueBefore = query.dueBefore { sql = sql + " AND due_at < \(dueBefore)" }
            return try connection.query(sql + " ORDER BY id LIMIT \(query.limit)").map(Self.pluginRecord(from:))
        }
    }

    static func pluginRecord(from row: SQLRow) throws -> PluginRecord {
        PluginRecord(
            kind: try row.string("kind"), id: try row.string("id"), body: try row.json("body"), ref: row.optionalString("ref"),
            state: row.optionalString("state"), dueAt: row.optionalDate("due_at"), version: try row.int("version"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}

extension SQLKlageStore: SurveyStore {
    public func insertSurvey(_ survey: Survey, events: [DomainEvent]) async throws {
        let exists = try await write(survey.tenant) { connection -> Bool in
            if try connection.queryFirst("SELECT token_hash FROM surveys WHERE tenant_id = \(survey.tenant) AND complaint_id = \(survey.complaintId)")
                != nil
            {
                return true
            }
            try connection.execute(try .insert(survey))
            try insert(events, on: connection)
            try Self.markReportDay(tenant: survey.tenant, complaint: survey.complaintId, on: connection)
            return false
        }
        if exists { throw KlageError.conflict("this complaint has a survey already") }
    }

    public func survey(tokenHash: String) async throws -> Survey? {
        try await read(nil) { connection in
            try connection.fetchOne(Survey.self, SQL.select(Survey.self) + " WHERE token_hash = \(tokenHash)")
        }
    }

    public func submitSurvey(tokenHash: String, score: Int, comment: String?, at date: Date) async throws -> Bool {
        try await write(nil) { connection in
            let answered =
                try connection.execute(
                    """
                    UPDATE surveys SET submitted_at = \(date), score = \(score), comment = \(comment)
                    WHERE token_hash = \(tokenHash) AND submitted_at IS NULL
                    """) == 1
            if answered, let survey = try connection.fetchOne(Survey.self, SQL.select(Survey.self) + " WHERE token_hash = \(tokenHash)") {
                try Self.markReportDay(tenant: survey.tenant, complaint: survey.complaintId, on: connection)
            }
            return answered
        }
    }
}
