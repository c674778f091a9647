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
        try await service.contacts(of: id, in: tenant, by: actor)
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
        guard case .object(let object) = try PluginJSON.encode(data) else {
            throw KlageError.internalError("a plug-in's data of event '\(type)' does not encode as a JSON object")
        }
        return try await appendEvent(type, to: id, summary: summary, data: object, at: at)
    }
}

/// The learning-item use cases a plug-in may call, bound to its context's tenant, plug-in and actor.
public struct TenantLearning: Sendable {
    private let service: LearningService
    private let tenant: Tenant
    private let plugin: PluginID
    private let actor: Principal

    init(_ service: LearningService, tenant: Tenant, plugin: PluginID, actor: Principal) {
        self.service = service
        self.tenant = tenant
        self.plugin = plugin
        self.actor = actor
    }

    /// The learning item. - Throws: not found (also for another tenant's id).
    public func get(_ id: LearningItemID) async throws -> LearningItem {
        try await service.get(id, in: tenant)
    }

    /// Moves the learning item forward through ``LearningWorkflow`` because the plug-in's own process
    /// got there, if it is still in a state the action leaves.
    ///
    /// ```swift
    /// // Gladsaxe: the action group's first improvement action accepts the item.
    /// try await context.learning.advance(itemID, by: "accept", note: "The action group created an action")
    /// ```
    /// Only `accept` and `implement` (``LearningWorkflow/forwardActions``): dismissing is for people.
    /// The move is journaled and audited as `learning.act`'s (`learning.acted`, with `plugin` in its
    /// data) and counts in the kernel's figures. It is taken by the context's actor when their role may
    /// take it, else with the kernel's system authority on the plug-in's behalf: the event's actor is
    /// then `system`, and `requestedBy` names the context's actor. Use it only for a step a decision
    /// made in your plug-in (a leaders' group) already covers.
    ///
    /// A concurrent change is retried; an item that moved past the action (already accepted, or
    /// dismissed or implemented) is left as it is.
    /// - Returns: The moved item, or `nil` when nothing changed.
    /// - Throws: validation for another action; not found (also for another tenant's id).
    @discardableResult
    public func advance(_ id: LearningItemID, by action: ActionID, note: String? = nil) async throws -> LearningItem? {
        try await service.advance(id, by: action, note: note, plugin: plugin, in: tenant, requestedBy: actor)
    }
}

extension TenantComplaints {
    /// Hands the complaint to `department`, `assignee` or both (the kernel's `complaint.assign`, no version
    /// needed) and stores the plug-in's own account of the hand-off beside it, in one change.
    ///
    /// The hand-off counts once in `handoffs`, the kernel's figure: a complaint already with them, because
    /// someone assigned it there with `complaint.assign` first, gets only the plug-in's event.
    ///
    /// ```swift
    /// try await context.complaints.handOff(id, department: "Jobcenter", recording: "roskilde.handoff", summary: "Handed off", data: detail)
    /// ```
    /// - Parameters:
    ///   - id: The complaint.
    ///   - department: The department that takes over, or `nil` to keep it.
    ///   - assignee: The caseworker that takes over, or `nil` to keep them.
    ///   - type: The plug-in's event type, prefixed by its id.
    ///   - summary: A line for the journey, free of personal data.
    ///   - data: Encodes as a JSON object: the plug-in event's `data`.
    /// - Returns: The complaint after the hand-off, and the plug-in's stored event.
    /// - Throws: validation when both `department` and `assignee` are `nil`, or one is blank, too long or
    ///   looks like personal data; not found, also for another tenant's id.
    @discardableResult
    public func handOff(
        _ id: ComplaintID, department: String?, assignee: String? = nil, recording type: EventType, summary: String,
        data: some Encodable & Sendable
    ) async throws -> (complaint: Complaint, event: DomainEvent) {
        guard case .object(let object) = try PluginJSON.encode(data) else {
            throw KlageError.internalError("a plug-in's hand-off data must encode as a JSON object")
        }
        let (complaint, event) = try await service.handOff(
            id, department: department, assignee: assignee, recording: type, summary: summary, data: object, in: tenant, by: actor)
        return (complaint, event)
    }
}
