import Foundation
public import KlageKernel

extension SQLKlageStore: LearningStore {
    public func insertLearningItem(_ item: LearningItem, events: [DomainEvent]) async throws {
        try await write(item.tenant) { connection in
            try connection.execute(try .insert(item))
            try insert(events, on: connection)
        }
    }

    public func learningItem(_ id: LearningItemID, tenant: TenantID) async throws -> LearningItem? {
        try await read(tenant) { connection in
            try connection.fetchOne(LearningItem.self, SQL.select(LearningItem.self) + " WHERE tenant_id = \(tenant) AND id = \(id)")
        }
    }

    public func learningItems(tenant: TenantID, matching query: LearningQuery) async throws -> Page<LearningItem> {
        try await read(tenant) { connection in
            var sql = SQL.select(LearningItem.self) + " WHERE tenant_id = \(tenant)"
            if let state = query.state { sql = sql + " AND state = \(state)" }
            if let department = query.department { sql = sql + " AND department = \(department)" }
            if let after = query.after { sql = sql + " AND id < \(after)" }
            sql = sql + " ORDER BY id DESC LIMIT \(query.limit + 1)"
            let items = try connection.fetchAll(LearningItem.self, sql)
            return Self.page(items, limit: query.limit) { $0.id.rawValue }
        }
    }

    public func updateLearningItem(_ item: LearningItem, expectedVersion: Int, events: [DomainEvent]) async throws {
        try await write(item.tenant) { connection in
            let changed = try connection.execute(try .update(item, where: "version = \(expectedVersion)"))
            if changed == 0 {
                try Self.explainFailedUpdate(
                    table: "learning_items", what: "learning item", tenant: item.tenant, id: item.id.rawValue,
                    expectedVersion: expectedVersion, on: connection)
            }
            try insert(events, on: connection)
        }
    }
}
