import Foundation

/// The use cases of learning items: what the organisation learned, free of personal data.
///
/// An item created from a complaint also goes into that complaint's journey ("What we learned: …"),
/// so the citizen can be told that their complaint changed something.
///
/// ```
///   draft ──validate──▶ text rules, personal data, complaint exists, plug-ins' checks
///                         │ (nothing stored if any refuses)
///                         ▼
///                  store item + learning.created event (on the complaint's journey)
///                         ▼
///                  plug-in hooks (e.g. Gladsaxe routes it to the department's champion)
/// ```
public struct LearningService: Sendable {
    private let env: ServiceEnvironment

    public init(_ env: ServiceEnvironment) {
        self.env = env
    }

    /// Creates a learning item, optionally tied to a complaint of the same tenant.
    ///
    /// - Throws: validation when a text looks like personal data or a plug-in the tenant enables
    ///   refuses it (e.g. Gladsaxe: an unknown department); not found for an unknown complaint.
    public func create(
        title: String, insight: String, complaintId: ComplaintID?, department: String?, tags: [String],
        in tenant: Tenant, by actor: Principal
    ) async throws -> LearningItem {
        try await create(
            NewLearningItem(title: title, insight: insight, complaintId: complaintId, department: department, tags: tags),
            in: tenant, by: actor)
    }

    /// Creates a learning item from a draft; see ``create(title:insight:complaintId:department:tags:in:by:)``.
    public func create(_ draft: NewLearningItem, in tenant: Tenant, by actor: Principal) async throws -> LearningItem {
        try await store(try await validate(draft, in: tenant, by: actor), in: tenant, by: actor)
    }

    /// Takes a workflow action that closes a complaint and records what was learned from it.
    ///
    /// The learning item is validated in full (text rules, personal data, plug-ins' checks) and the
    /// action is checked to enter a final state **before** the action is taken, so a refused item
    /// leaves the complaint untouched. Then the action runs, and the item is stored linked to the
    /// complaint, with "What we learned: <title>" on its journey. Should storing the item fail after
    /// the action succeeded (storage down), the complaint stays closed and the error is thrown: the
    /// item can be recorded again with `learning.create {complaintId}`.
    ///
    /// - Parameters:
    ///   - id: the complaint to close.
    ///   - action: the workflow action, one that enters a final state.
    ///   - version: the complaint's version the caller saw.
    ///   - note: the action's note, if any.
    ///   - outcome: how the complaint ended.
    ///   - fields: the action's fields.
    ///   - learning: what was learned; its `complaintId` is set to `id`. Validation errors name
    ///     `learning.<field>` (e.g. `learning.department`).
    ///   - tenant: the caller's tenant.
    ///   - actor: who closes it.
    /// - Returns: the action's result (the closed complaint, and the survey issued at closing when the
    ///   tenant sets `surveyAtClosing`) and the stored learning item.
    /// - Throws: validation when the item is refused or the action does not close the complaint
    ///   (field `learning`); whatever ``ComplaintService/act(_:action:version:note:outcome:fields:in:by:)`` throws.
    public func close(
        _ id: ComplaintID, action: ActionID, version: Int, note: String?, outcome: Outcome?, fields: [String: JSONValue],
        learning: NewLearningItem, in tenant: Tenant, by actor: Principal
    ) async throws -> (action: ActionResult, learningItem: LearningItem) {
        var draft = learning
        draft.complaintId = id
        let item = try await prefixingFields("learning") { try await validate(draft, in: tenant, by: actor) }
        let complaints = ComplaintService(env)
        let current = try await complaints.get(id, in: tenant, by: actor)
        if let definition = env.registry.workflow(current.workflow, version: current.workflowVersion),
            let taken = definition.action(action), definition.state(taken.to)?.isFinal != true
        {
            throw KlageError.validation(
                field: "learning",
                reason: "only an action that closes the complaint can record what was learned; '\(action)' leads to '\(taken.to)'")
        }
        let closed = try await complaints.act(
            id, action: action, version: version, note: note, outcome: outcome, fields: fields,
            in: tenant, by: actor)
        return (closed, try await store(item, in: tenant, by: actor))
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

    /// Moves an item through ``LearningWorkflow`` with the workflow engine that moves complaints.
    public func act(_ id: LearningItemID, action actionID: ActionID, version: Int, note: String?, in tenant: Tenant, by actor: Principal) async throws
        -> LearningItem
    {
        let item = try await get(id, in: tenant)
        guard item.version == version else { throw KlageError.staleVersion(expected: version, current: item.version) }
        return try await transition(item, action: actionID, note: note, in: tenant, by: actor)
    }

    /// Takes `actionID` on `item` as read, stores it at the next version with its `learning.acted`
    /// event (`data` adds to the event's), and runs the hooks.
    /// - Throws: as ``WorkflowEngine/perform(_:on:in:request:)``; a stale version when the item changed since it was read.
    func transition(
        _ item: LearningItem, action actionID: ActionID, note: String?, data extra: [String: JSONValue] = [:], in tenant: Tenant,
        by actor: Principal
    ) async throws -> LearningItem {
        let note = try Validate.optionalText(note, field: "note", max: 10_000)
        let now = env.clock.now()
        let (acted, _) = try WorkflowEngine().perform(
            actionID, on: item, in: LearningWorkflow.definition, request: ActionRequest(actor: actor, now: now, note: note))
        var next = acted
        next.version += 1
        next.updatedAt = now
        let title = LearningWorkflow.definition.action(actionID)?.title ?? actionID.rawValue
        var data: [String: JSONValue] = extra
        data["action"] = .string(actionID.rawValue)
        data["state"] = .string(next.state.rawValue)
        if let note { data["note"] = .string(note) }
        let events = [
            env.event(
                .learningActed, complaint: item.complaintId, learningItem: item.id, tenant: tenant.id,
                actor: actor, at: now, summary: "Learning item: \(title)", data: data)
        ]
        try await env.store.updateLearningItem(next, expectedVersion: item.version, events: events)
        await env.publish(events, tenant: tenant, actor: actor)
        return next
    }

    /// Checks a draft against every rule and returns it trimmed; stores nothing.
    private func validate(_ draft: NewLearningItem, in tenant: Tenant, by actor: Principal) async throws -> NewLearningItem {
        let title = try Validate.text(draft.title, field: "title", max: 200)
        let insight = try Validate.text(draft.insight, field: "insight", max: 10_000)
        try Validate.freeOfPersonalData(title, field: "title")
        try Validate.freeOfPersonalData(insight, field: "insight")
        if draft.tags.count > 20 { throw KlageError.validation(field: "tags", reason: "at most 20 tags") }
        let tags = try draft.tags.enumerated().map { try Validate.text($1, field: "tags[\($0)]", max: 50) }
        for (index, tag) in tags.enumerated() { try Validate.freeOfPersonalData(tag, field: "tags[\(index)]") }
        let department = try Validate.optionalText(draft.department, field: "department", max: 100)
        if let complaintId = draft.complaintId, try await env.store.complaint(complaintId, tenant: tenant.id) == nil {
            throw KlageError.notFound("complaint")
        }
        let checked = NewLearningItem(title: title, insight: insight, complaintId: draft.complaintId, department: department, tags: tags)
        for registration in env.registry.learningValidators(for: tenant) {
            try await registration.validate(checked, env.pluginContext(registration.pluginID, tenant: tenant, actor: actor))
        }
        return checked
    }

    /// Stores a validated draft with its `learning.created` event and runs the plug-ins' hooks.
    private func store(_ draft: NewLearningItem, in tenant: Tenant, by actor: Principal) async throws -> LearningItem {
        let now = env.clock.now()
        let item = LearningItem(
            id: env.ids.next(), tenant: tenant.id, complaintId: draft.complaintId, title: draft.title, insight: draft.insight,
            department: draft.department, tags: draft.tags, state: LearningWorkflow.definition.initialState, createdAt: now, updatedAt: now
        )
        // The title is free of personal data, so the journey may say what was learned.
        let summary = item.complaintId == nil ? "Learning item created" : "What we learned: \(item.title)"
        let events = [
            env.event(
                .learningCreated, complaint: item.complaintId, learningItem: item.id, tenant: tenant.id,
                actor: actor, at: now, summary: summary,
                data: ["learningItemId": .string(item.id.rawValue), "title": .string(item.title)])
        ]
        try await env.store.insertLearningItem(item, events: events)
        await env.publish(events, tenant: tenant, actor: actor, learningItem: item)
        return item
    }

    /// Runs `body`; a validation error it throws names `prefix.<field>` instead of `<field>`.
    private func prefixingFields<T>(_ prefix: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as KlageError where error.code == .validation {
            throw KlageError.validation(field: "\(prefix).\(error.field ?? "")", reason: error.reason ?? error.message)
        }
    }
}
