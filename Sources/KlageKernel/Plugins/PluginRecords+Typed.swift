public import Foundation

extension PluginRecords {
    /// Stores a new record with a fresh time-ordered id.
    ///
    /// ```swift
    /// let task = try await context.records.create(AgreedTask(complaintId: id, what: "Send the plan", state: .open, dueAt: due))
    /// ```
    /// - Returns: The stored record, version 1.
    @discardableResult
    public func create<Record: StorableRecord>(_ record: Record) async throws -> StoredRecord<Record> {
        let now = clock.now()
        let id: Identifier<PluginRecord> = ids.next()
        let stored = try PluginRecord(record, id: id.rawValue, version: 1, createdAt: now, updatedAt: now)
        try await insert(stored)
        return try StoredRecord(stored)
    }

    /// The record with this id, or `nil` (also for another tenant's or plug-in's id).
    public func get<Record: StorableRecord>(_ id: Identifier<Record>) async throws -> StoredRecord<Record>? {
        try await get(Record.kind, id: id.rawValue).map(StoredRecord.init)
    }

    /// The record with this id.
    ///
    /// - Parameters:
    ///   - id: The record's id.
    ///   - what: What to call it when it is not found, e.g. `"task"`.
    /// - Throws: ``KlageError/notFound(_:)`` naming `what`.
    public func require<Record: StorableRecord>(_ id: Identifier<Record>, what: String) async throws -> StoredRecord<Record> {
        guard let record = try await get(id) else { throw KlageError.notFound(what) }
        return record
    }

    /// Saves changes made to `record`, bumping its version.
    ///
    /// ```swift
    /// var task = try await context.records.require(id, what: "task")
    /// task.state = .done
    /// return try await context.records.update(task)
    /// ```
    /// - Throws: ``KlageError/conflict(_:)`` when it changed since it was read.
    @discardableResult
    public func update<Record: StorableRecord>(_ record: StoredRecord<Record>) async throws -> StoredRecord<Record> {
        try StoredRecord(try await update(try record.untyped))
    }

    /// Records of a kind, oldest first, filtered on their indexed fields.
    ///
    /// ```swift
    /// let overdue = try await context.records.list(AgreedTask.self, state: .open, dueBefore: context.now)
    /// ```
    /// - Parameters:
    ///   - type: The kind of record.
    ///   - ref: Only records with this reference.
    ///   - state: Only records in this state.
    ///   - dueBefore: Only records due before this time.
    ///   - limit: At most this many.
    public func list<Record: StorableRecord>(
        _ type: Record.Type, ref: String? = nil, state: Record.State? = nil, dueBefore: Date? = nil, limit: Int = 200
    ) async throws -> [StoredRecord<Record>] {
        try await list(Record.kind, PluginRecordQuery(ref: ref, state: state?.rawValue, dueBefore: dueBefore, limit: limit))
            .map(StoredRecord.init)
    }

    /// The oldest record with this reference, or `nil`.
    public func first<Record: StorableRecord>(_ type: Record.Type, ref: String) async throws -> StoredRecord<Record>? {
        try await list(type, ref: ref, limit: 1).first
    }
}
