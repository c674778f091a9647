import Foundation
import KlageKernel

extension SQLKlageStore: LearningStore {
    public func insertLearningItem(_ item: LearningItem, events: [DomainEvent]) async throws {
        try await write(item.tenant) { connection in
            try connection.execute("""
                INSERT INTO learning_items (tenant_id, id, complaint_id, title, insight, department, tags, state, version, created_at, updated_at)
                VALUES (\(item.tenant), \(item.id), \(item.complaintId), \(item.title), \(item.insight), \(item.department),
                        \(try RowJSON.text(item.tags)), \(item.state), \(item.version), \(item.createdAt), \(item.updatedAt))
                """)
            try Self.insert(events, on: connection)
        }
    }

    public func learningItem(_ id: LearningItemID, tenant: TenantID) async throws -> LearningItem? {
        try await read(tenant) { connection in
            try connection.queryFirst("SELECT * FROM learning_items WHERE tenant_id = \(tenant) AND id = \(id)").map(Self.learningItem(from:))
        }
    }

    public func learningItems(tenant: TenantID, matching query: LearningQuery) async throws -> Page<LearningItem> {
        try await read(tenant) { connection in
            var sql: SQL = "SELECT * FROM learning_items WHERE tenant_id = \(tenant)"
            if let state = query.state { sql = sql + " AND state = \(state)" }
            if let department = query.department { sql = sql + " AND department = \(department)" }
            if let after = query.after { sql = sql + " AND id < \(after)" }
            sql = sql + " ORDER BY id DESC LIMIT \(query.limit + 1)"
            let items = try connection.query(sql).map(Self.learningItem(from:))
            return Self.page(items, limit: query.limit) { $0.id.rawValue }
        }
    }

    public func updateLearningItem(_ item: LearningItem, expectedVersion: Int, events: [DomainEvent]) async throws {
        try await write(item.tenant) { connection in
            let changed = try connection.execute("""
                UPDATE learning_items SET title = \(item.title), insight = \(item.insight), department = \(item.department),
                    tags = \(try RowJSON.text(item.tags)), state = \(item.state), version = \(item.version), updated_at = \(item.updatedAt)
                WHERE tenant_id = \(item.tenant) AND id = \(item.id) AND version = \(expectedVersion)
                """)
            if changed == 0 {
                try Self.explainFailedUpdate(table: "learning_items", what: "learning item", tenant: item.tenant, id: item.id.rawValue,
                                             expectedVersion: expectedVersion, on: connection)
            }
            try Self.insert(events, on: connection)
        }
    }

    static func learningItem(from row: SQLRow) throws -> LearningItem {
        LearningItem(
            id: try row.value("id"), tenant: try row.value("tenant_id"),
            complaintId: row.optionalString("complaint_id").map { ComplaintID($0) }, title: try row.string("title"),
            insight: try row.string("insight"), department: row.optionalString("department"), tags: try row.json("tags"),
            state: try row.value("state"), version: try row.int("version"), createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at")
        )
    }
}
