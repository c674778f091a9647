public import Foundation

/// Where an event's plug-in hooks stand in the outbox.
public enum OutboxState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Some hook has not succeeded yet; the dispatcher runs it at ``OutboxDelivery/nextAttemptAt``.
    case pending
    /// Every hook succeeded (or the tenant enables none for the event).
    case done
    /// The hooks failed ``OutboxPolicy/maxAttempts`` times; nothing runs until an operator retries it.
    case dead
}

/// The durable record that an event's plug-in hooks must run: one row per stored event that a
/// plug-in hooks, written in the same transaction as the event.
///
/// Encodes as `outbox.list` shows it. `lastError` is a ``KlageError`` description or an error's type
/// name, never personal data.
public struct OutboxDelivery: Sendable, Hashable, Codable {
    public let tenant: TenantID
    public let eventId: EventID
    public let eventType: EventType
    public var state: OutboxState
    /// The hooks (``EventHandlerRegistration/key``) that succeeded for this event: they never run again for it.
    public var doneHooks: [String]
    /// How many attempts have run since the event was stored, or since an operator's retry.
    public var attempts: Int
    /// When the dispatcher may run it next.
    public var nextAttemptAt: Date
    public var lastError: String?
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        tenant: TenantID, eventId: EventID, eventType: EventType, state: OutboxState = .pending, doneHooks: [String] = [],
        attempts: Int = 0, nextAttemptAt: Date, lastError: String? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.tenant = tenant
        self.eventId = eventId
        self.eventType = eventType
        self.state = state
        self.doneHooks = doneHooks
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
