public import Foundation

/// The complaint use cases a plug-in may call, bound to its context's tenant and actor: there is no
/// parameter through which a plug-in could name another tenant.
public struct TenantComplaints: Sendable {
    private let service: ComplaintService
    private let tenant: Tenant
    private let actor: Principal

    init(_ service: ComplaintService, tenant: Tenant, actor: Principal) {
        self.service = service
        self.tenant = tenant
        self.actor = actor
    }

    /// The complaint; the read of its personal data is logged under the context's actor.
    /// - Throws: not found (also for another tenant's id).
    public func get(_ id: ComplaintID) async throws -> Complaint {
        try await service.read(id, in: tenant, by: actor, purpose: "plug-in")
    }

    /// The complaint's contacts, oldest first.
    public func contacts(of id: ComplaintID) async throws -> [Contact] {
        try await service.contacts(of: id, in: tenant)
    }

    /// The complaint's journey, oldest first.
    public func journey(of id: ComplaintID) async throws -> [DomainEvent] {
        try await service.journey(id, in: tenant, by: actor, purpose: "plug-in")
    }

    /// Adds an event (a plug-in note, a touchpoint) to the complaint's journey, by the context's actor.
    @discardableResult
    public func appendEvent(_ type: EventType, to id: ComplaintID, summary: String, data: [String: JSONValue] = [:], at: Date? = nil) async throws
        -> DomainEvent
    {
        try await service.appendEvent(type, to: id, in: tenant, by: actor, summary: summary, data: data, at: at)
    }

    /// Adds an event to the complaint's journey with typed data, by the context's actor.
    ///
    /// ```swift
    /// struct Note: Encodable { let text: String }
    /// try await context.complaints.appendEvent("example.note", to: id, summary: "Note", data: Note(text: text))
    /// ```
    /// - Parameters:
    ///   - type: The event's type, prefixed by the plug-in's id.
    ///   - id: The complaint.
    ///   - summary: A line for the journey, free of personal data.
    ///   - data: Encodes as a JSON object: the event's `data`.
    ///   - at: When it happened, if not now (a touchpoint before the complaint).
    /// - Returns: The stored event.
    @discardableResult
    public func appendEvent(_ type: EventType, to id: ComplaintID, summary: String, data: some Encodable & Sendable, at: Date? = nil) async throws
        -> DomainEvent
    {
        guard case .object(let object) = try PluginJSON.encode(data) else { preconditionFailure("event data must encode as an object") }
        return try await appendEvent(type, to: id, summary: summary, data: object, at: at)
    }
}

/// The learning-item use cases a plug-in may call, bound to its context's tenant.
public struct TenantLearning: Sendable {
    private let service: LearningService
    private let tenant: Tenant

    init(_ service: LearningService, tenant: Tenant) {
        self.service = service
        self.tenant = tenant
    }

    /// The learning item. - Throws: not found (also for another tenant's id).
    public func get(_ id: LearningItemID) async throws -> LearningItem {
        try await service.get(id, in: tenant)
    }
}

extension TenantComplaints {
    /// Records a hand-off of the complaint the plug-in keeps its own record of: counts it in the
    /// complaint's `handoffs` (the kernel's figure) and stores the plug-in's event, in one change.
    ///
    /// ```swift
    /// try await context.complaints.recordHandoff("roskilde.handoff", on: id, summary: "Handed off internally", data: handoff)
    /// ```
    /// - Parameters:
    ///   - type: The plug-in's event type, prefixed by its id.
    ///   - id: The complaint.
    ///   - summary: A line for the journey, free of personal data.
    ///   - data: Encodes as a JSON object: the event's `data`.
    /// - Returns: The stored event.
    @discardableResult
    public func recordHandoff(_ type: EventType, on id: ComplaintID, summary: String, data: some Encodable & Sendable) async throws -> DomainEvent {
        guard case .object(let object) = try PluginJSON.encode(data) else { preconditionFailure("event data must encode as an object") }
        return try await service.recordHandoff(type, on: id, summary: summary, data: object, in: tenant, by: actor)
    }
}
