import Foundation
import KlageKernel

/// A contact as the API shows it.
public struct ContactView: Encodable, Sendable {
    let id: String
    let complaintId: String
    let kind: String
    let occurredAt: String
    let recordedBy: String
    let summary: String
    let agreement: String?
    let fields: [String: JSONValue]
    let createdAt: String

    public init(_ contact: Contact) {
        id = contact.id.rawValue
        complaintId = contact.complaintId.rawValue
        kind = contact.kind.rawValue
        occurredAt = Timestamp.format(contact.occurredAt)
        recordedBy = contact.recordedBy
        summary = contact.summary
        agreement = contact.agreement
        fields = contact.fields
        createdAt = Timestamp.format(contact.createdAt)
    }

    static let schema = RPCSchema.object([
        "id": .string, "complaintId": .string, "kind": .oneOf(ContactKind.allCases.map(\.rawValue)), "occurredAt": .dateTime,
        "recordedBy": .string, "summary": .string, "agreement": .nullable(.string), "fields": .anyObject, "createdAt": .dateTime,
    ], required: ["id", "complaintId", "kind", "occurredAt", "recordedBy", "summary", "fields", "createdAt"])
}

/// A learning item as the API shows it.
public struct LearningItemView: Encodable, Sendable {
    let id: String
    let complaintId: String?
    let title: String
    let insight: String
    let department: String?
    let tags: [String]
    let state: String
    let version: Int
    let createdAt: String
    let updatedAt: String

    public init(_ item: LearningItem) {
        id = item.id.rawValue
        complaintId = item.complaintId?.rawValue
        title = item.title
        insight = item.insight
        department = item.department
        tags = item.tags
        state = item.state.rawValue
        version = item.version
        createdAt = Timestamp.format(item.createdAt)
        updatedAt = Timestamp.format(item.updatedAt)
    }

    static let schema = RPCSchema.object([
        "id": .string, "complaintId": .nullable(.string), "title": .string, "insight": .string, "department": .nullable(.string),
        "tags": .array(.string), "state": .string, "version": .integer(), "createdAt": .dateTime, "updatedAt": .dateTime,
    ], required: ["id", "title", "insight", "tags", "state", "version", "createdAt"])
}

/// A tenant as the API shows it.
public struct TenantView: Encodable, Sendable {
    let id: String
    let name: String
    let plugins: [String]
    let settings: [String: JSONValue]
    let createdAt: String

    public init(_ tenant: Tenant) {
        id = tenant.id.rawValue
        name = tenant.name
        plugins = tenant.plugins
        settings = tenant.settings
        createdAt = Timestamp.format(tenant.createdAt)
    }

    static let schema = RPCSchema.object([
        "id": .string, "name": .string, "plugins": .array(.string), "settings": .anyObject, "createdAt": .dateTime,
    ], required: ["id", "name", "plugins", "settings", "createdAt"])
}

/// A journey event as the API shows it.
public struct EventView: Encodable, Sendable {
    let id: String
    let at: String
    let type: String
    let actor: String
    let summary: String
    let data: [String: JSONValue]

    public init(_ event: DomainEvent) {
        id = event.id.rawValue
        at = Timestamp.format(event.at)
        type = event.type.rawValue
        actor = event.actor
        summary = event.summary
        data = event.data
    }

    static let schema = RPCSchema.object([
        "id": .string, "at": .dateTime, "type": .string, "actor": .string, "summary": .string, "data": .anyObject,
    ], required: ["id", "at", "type", "actor", "summary"])
}

/// A page of items and the cursor for the next page.
public struct PageView<Item: Encodable & Sendable>: Encodable, Sendable {
    let items: [Item]
    let nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// Encodes `nextCursor` as null on the last page, as the contract promises.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }

    enum CodingKeys: String, CodingKey { case items, nextCursor }

    static func schema(_ item: String) -> RPCSchema {
        .object(["items": .array(.ref(item)), "nextCursor": .nullable(.string)], required: ["items", "nextCursor"])
    }
}

/// A list of items without paging.
public struct ItemsView<Item: Encodable & Sendable>: Encodable, Sendable {
    let items: [Item]

    static func schema(_ item: String) -> RPCSchema {
        .object(["items": .array(.ref(item))], required: ["items"])
    }
}
