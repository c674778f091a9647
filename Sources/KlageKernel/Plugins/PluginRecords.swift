public import Foundation

/// One record a plug-in keeps, as the store keeps it: a kind, an id, a JSON body and a few indexed fields.
///
/// Plug-ins declare their records as ``StorableRecord`` structs and read them as ``StoredRecord``s.
public struct PluginRecord: Sendable, Hashable {
    public let kind: String
    public let id: String
    public var body: [String: JSONValue]
    /// An indexed reference, e.g. a complaint id or a department.
    public var ref: String?
    /// An indexed state, e.g. `open` or `done`.
    public var state: String?
    /// An indexed due time, for "overdue" lists.
    public var dueAt: Date?
    public var version: Int
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        kind: String, id: String, body: [String: JSONValue], ref: String? = nil, state: String? = nil, dueAt: Date? = nil,
        version: Int = 1, createdAt: Date, updatedAt: Date
    ) {
        self.kind = kind
        self.id = id
        self.body = body
        self.ref = ref
        self.state = state
        self.dueAt = dueAt
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The record as JSON for an operation's result: the body plus id, kind, indexed fields and version.
    public var json: JSONValue {
        var object = body
        object["id"] = .string(id)
        object["kind"] = .string(kind)
        if let ref { object["ref"] = .string(ref) }
        if let state { object["state"] = .string(state) }
        if let dueAt { object["dueAt"] = .string(Timestamp.format(dueAt)) }
        object["version"] = .number(Double(version))
        object["createdAt"] = .string(Timestamp.format(createdAt))
        object["updatedAt"] = .string(Timestamp.format(updatedAt))
        return .object(object)
    }
}

/// Filters for listing a plug-in's records.
public struct PluginRecordQuery: Sendable, Hashable {
    public var ref: String?
    public var state: String?
    public var dueBefore: Date?
    public var limit: Int

    public init(ref: String? = nil, state: String? = nil, dueBefore: Date? = nil, limit: Int = 200) {
        self.ref = ref
        self.state = state
        self.dueBefore = dueBefore
        self.limit = limit
    }
}

/// A plug-in's records in one tenant: the only storage a plug-in gets, so it never writes SQL or crosses a tenant.
///
/// Records are ``StorableRecord`` structs: `create`, `get`, `require`, `update`, `list` and `first`
/// take and return them typed, as ``StoredRecord``s.
public struct PluginRecords: Sendable {
    private let plugin: PluginID
    private let tenant: TenantID
    private let env: ServiceEnvironment
    /// What the context's actor may see: a record of a complaint they may not see is not found (need to know).
    private let visibility: ComplaintVisibility

    init(plugin: PluginID, tenant: TenantID, env: ServiceEnvironment, visibility: ComplaintVisibility) {
        self.plugin = plugin
        self.tenant = tenant
        self.env = env
        self.visibility = visibility
    }

    var clock: any KlageClock { env.clock }
    var ids: IDGenerator { env.ids }

    func insert(_ record: PluginRecord) async throws {
        try await env.store.insertRecord(record, plugin: plugin, tenant: tenant)
    }

    /// The record, or `nil` (also for another tenant's or plug-in's id).
    func get(_ kind: String, id: String) async throws -> PluginRecord? {
        try await visible(try await env.store.record(kind: kind, id: id, plugin: plugin, tenant: tenant).map { [$0] } ?? []).first
    }

    /// Saves changes made to `record`, bumping its version. - Throws: conflict when it changed meanwhile.
    @discardableResult
    func update(_ record: PluginRecord) async throws -> PluginRecord {
        var next = record
        next.version += 1
        next.updatedAt = env.clock.now()
        try await env.store.updateRecord(next, expectedVersion: record.version, plugin: plugin, tenant: tenant)
        return next
    }

    /// Records of a kind, oldest first.
    func list(_ kind: String, _ query: PluginRecordQuery = PluginRecordQuery()) async throws -> [PluginRecord] {
        try await visible(try await env.store.records(kind: kind, matching: query, plugin: plugin, tenant: tenant))
    }

    /// `records` without those of a complaint (their reference its id) the actor may not see.
    private func visible(_ records: [PluginRecord]) async throws -> [PluginRecord] {
        try await visibility.keeping(records, about: { $0.ref.map { ComplaintID($0) } }, in: tenant, from: env.store)
    }
}
