public import KlageKernel

/// The tenant's event feed for case systems: `event.list`.
public struct EventFeedService: Sendable {
    /// The most events one page may hold.
    public static let maxLimit = 1_000
    /// The most event types one filter may name.
    public static let maxTypes = 50

    let store: any EventFeedStore

    public init(store: any EventFeedStore) {
        self.store = store
    }

    /// The events of `tenant` after position `after`, of `types` (all when `nil` or empty), at most `limit`.
    /// - Throws: a validation error for a negative cursor, a limit outside 1…1000 or a bad type filter.
    public func list(tenant: TenantID, after: Int, types: [String]?, limit: Int) async throws -> FeedPage {
        guard after >= 0 else { throw KlageError.validation(field: "after", reason: "must be 0 or a position from an earlier page") }
        guard (1...Self.maxLimit).contains(limit) else { throw KlageError.validation(field: "limit", reason: "must be between 1 and 1000") }
        let filter = try Self.eventTypes(types, field: "types")
        return try await store.feed(tenant: tenant, after: after, types: filter, limit: limit)
    }

    /// The tenant's newest position: a subscriber that gives no `after` starts here.
    public func head(tenant: TenantID) async throws -> Int {
        try await store.feedHead(tenant: tenant)
    }

    /// Checks a list of event types: at most 50, each a plausible type name; `nil` for none (all types).
    public static func eventTypes(_ types: [String]?, field: String) throws -> [EventType]? {
        guard let types, !types.isEmpty else { return nil }
        guard types.count <= maxTypes else { throw KlageError.validation(field: field, reason: "at most \(maxTypes) event types") }
        for type in types where !isEventTypeName(type) {
            throw KlageError.validation(field: field, reason: "'\(type.prefix(64))' is not an event type name (letters, digits and dots)")
        }
        return types.map { EventType($0) }
    }

    /// Whether `text` looks like an event type: 1–64 ASCII letters, digits, dots, dashes and underscores.
    static func isEventTypeName(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count)
            && text.utf8.allSatisfy { byte in
                (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2E
                    || byte == 0x2D || byte == 0x5F
            }
    }
}
