import Foundation

/// The use cases of learning items: what the organisation learned, free of personal data.
public struct LearningService: Sendable {
    private let env: ServiceEnvironment

    public init(_ env: ServiceEnvironment) {
        self.env = env
    }

    /// Creates a learning item, optionally tied to a complaint of the same tenant.
    ///
    /// - Throws: validation when a text looks like personal data; not found for an unknown complaint.
    public func create(
        title: String, insight: String, complaintId: ComplaintID?, department: String?, tags: [String],
        in tenant: Tenant, by actor: Actor
    ) async throws -> LearningItem {
        let title = try Validate.text(title, field: "title", max: 200)
        let insight = try Validate.text(insight, field: "insight", max: 10_000)
        try Validate.freeOfPersonalData(title, field: "title")
        try Validate.freeOfPersonalData(insight, field: "insight")
        if tags.count > 20 { throw KlageError.validation(field: "tags", reason: "at most 20 tags") }
        let tags = try tags.enumerated().map { try Validate.text($1, field: "tags[\($0)]", max: 50) }
        if let complaintId, try await env.store.complaint(complaintId, tenant: tenant.id) == nil {
            throw KlageError.notFound("complaint")
        }
        let now = env.clock.now()
        let item = LearningItem(
            id: env.ids.next(), tenant: tenant.id, complaintId: complaintId, title: title, insight: insight,
            department: try Validate.optionalText(department, field: "department", max: 100), tags: tags,
            state: LearningWorkflow.definition.initialState, createdAt: now, updatedAt: now
        )
        let events = [env.event(.learningCreated, complaint: complaintId, learningItem: item.id, tenant: tenant.id,
                                actor: actor, at: now, summary: "Learning item created",
                                data: ["learningItemId": .string(item.id.rawValue)])]
        try await env.store.insertLearningItem(item, events: events)
        await env.publish(events, tenant: tenant, actor: actor)
        return item
    }

    /// The item with this id. - Throws: not found, also for another tenant's id.
    public func get(_ id: LearningItemID, in tenant: Tenant) async throws -> LearningItem {
        guard let item = try await env.store.learningItem(id, tenant: tenant.id) else { throw KlageError.notFound("learning item") }
        return item
    }

    /// A page of the tenant's learning items.
    public func list(_ query: LearningQuery, in tenant: Tenant) async throws -> Page<LearningItem> {
        try await env.store.learningItems(tenant: tenant.id, matching: query)
    }

    /// Moves an item through ``LearningWorkflow``.
    public func act(_ id: LearningItemID, action actionID: ActionID, version: Int, note: String?, in tenant: Tenant, by actor: Actor) async throws -> LearningItem {
        let item = try await get(id, in: tenant)
        guard item.version == version else { throw KlageError.staleVersion(expected: version, current: item.version) }
        let action = try WorkflowEngine().allowedAction(actionID, from: item.state, in: LearningWorkflow.definition, by: actor)
        let note = try Validate.optionalText(note, field: "note", max: 10_000)
        if action.guards.contains(where: { $0.name == WorkflowGuard.noteGiven.name }), note == nil {
            throw KlageError.validation(field: "note", reason: "required for '\(actionID)'")
        }
        let now = env.clock.now()
        var next = item
        next.state = action.to
        next.version += 1
        next.updatedAt = now
        var data: [String: JSONValue] = ["action": .string(actionID.rawValue), "state": .string(action.to.rawValue)]
        if let note { data["note"] = .string(note) }
        let events = [env.event(.learningActed, complaint: item.complaintId, learningItem: item.id, tenant: tenant.id,
                                actor: actor, at: now, summary: "Learning item: \(action.title)", data: data)]
        try await env.store.updateLearningItem(next, expectedVersion: item.version, events: events)
        await env.publish(events, tenant: tenant, actor: actor)
        return next
    }
}
