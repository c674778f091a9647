import Foundation

/// The use cases of complaints and contacts: create, read, list, act, journey, record a contact.
///
/// Every method takes the caller's tenant and actor; nothing here can reach another tenant's data.
public struct ComplaintService: Sendable {
    private let env: ServiceEnvironment
    private let engine = WorkflowEngine()

    public init(_ env: ServiceEnvironment) {
        self.env = env
    }

    /// Registers a complaint, or returns the existing one when `externalRef` was used before.
    ///
    /// - Throws: validation for bad fields or a workflow the tenant does not have.
    public func create(_ draft: NewComplaint, in tenant: Tenant, by actor: Actor) async throws -> Complaint {
        let definition = try workflow(draft.workflow, for: tenant)
        guard definition.tracks.contains(draft.track) else {
            throw KlageError.validation(field: "track", reason: "workflow '\(definition.id)' does not handle the '\(draft.track.rawValue)' track")
        }
        let now = env.clock.now()
        let receivedAt = draft.receivedAt ?? now
        if receivedAt > now.addingTimeInterval(300) {
            throw KlageError.validation(field: "receivedAt", reason: "must not be in the future")
        }
        let citizen = Citizen(
            name: try Validate.text(draft.citizen.name, field: "citizen.name", max: 200),
            phone: try Validate.phone(draft.citizen.phone, field: "citizen.phone"),
            email: try Validate.email(draft.citizen.email, field: "citizen.email"),
            cpr: try Validate.cpr(draft.citizen.cpr, field: "citizen.cpr")
        )
        var complaint = Complaint(
            id: env.ids.next(), tenant: tenant.id, workflow: definition.id, workflowVersion: definition.version,
            state: definition.initialState, track: draft.track, channel: draft.channel,
            subject: try Validate.text(draft.subject, field: "subject", max: 200),
            description: try Validate.text(draft.description, field: "description", max: 20_000),
            remedy: try Validate.optionalText(draft.remedy, field: "remedy", max: 2_000),
            citizen: citizen,
            department: try Validate.optionalText(draft.department, field: "department", max: 100),
            externalRef: try Validate.optionalText(draft.externalRef, field: "externalRef", max: 100),
            receivedAt: receivedAt, fields: try Validate.fields(draft.fields),
            createdAt: now, updatedAt: now
        )
        let effects = engine.start(&complaint, in: definition)
        var events = [env.event(.complaintReceived, complaint: complaint.id, tenant: tenant.id, actor: actor, at: now,
                                summary: "Complaint received by \(complaint.channel.rawValue) (\(complaint.track.rawValue))")]
        events += self.events(for: effects, complaint: complaint, actor: actor, at: now)
        let (stored, created) = try await env.store.insertComplaint(complaint, events: events)
        if created { await env.publish(events, tenant: tenant) }
        return stored
    }

    /// The complaint with this id. - Throws: not found, also for another tenant's id.
    public func get(_ id: ComplaintID, in tenant: Tenant) async throws -> Complaint {
        guard let complaint = try await env.store.complaint(id, tenant: tenant.id) else {
            throw KlageError.notFound("complaint")
        }
        return complaint
    }

    /// A page of the tenant's complaints; `overdue` keeps those with a running deadline past due.
    public func list(_ query: ComplaintQuery, overdue: Bool, in tenant: Tenant) async throws -> Page<Complaint> {
        var query = query
        if overdue { query.overdueAt = env.clock.now() }
        return try await env.store.complaints(tenant: tenant.id, matching: query)
    }

    /// Takes one workflow action.
    ///
    /// - Throws: conflict for a stale `version` or an action not allowed now; forbidden for the wrong
    ///   role; validation for an unknown action or missing outcome or consent.
    public func act(
        _ id: ComplaintID, action: ActionID, version: Int, note: String?, outcome: Outcome?,
        fields: [String: JSONValue], in tenant: Tenant, by actor: Actor
    ) async throws -> Complaint {
        let complaint = try await get(id, in: tenant)
        guard complaint.version == version else {
            throw KlageError.staleVersion(expected: version, current: complaint.version)
        }
        guard let definition = env.registry.workflow(complaint.workflow, version: complaint.workflowVersion) else {
            throw KlageError.conflict("workflow '\(complaint.workflow)' version \(complaint.workflowVersion) is not on this host")
        }
        let note = try Validate.optionalText(note, field: "note", max: 10_000)
        let now = env.clock.now()
        let input = GuardInput(
            complaint: complaint, contacts: try await env.store.contacts(of: id, tenant: tenant.id), actor: actor,
            now: now, note: note, fields: try Validate.fields(fields), outcome: outcome
        )
        var (next, effects) = try engine.perform(action, on: complaint, in: definition, input: input)
        next.version = complaint.version + 1
        next.updatedAt = now
        var events = self.events(for: effects, complaint: next, actor: actor, at: now)
        if let note, let index = events.firstIndex(where: { $0.type == .actionTaken }) {
            let taken = events[index]
            events[index] = DomainEvent(id: taken.id, tenant: taken.tenant, complaintId: taken.complaintId, at: taken.at,
                                        type: taken.type, actor: taken.actor, summary: taken.summary,
                                        data: taken.data.merging(["note": .string(note)]) { _, new in new })
        }
        try await env.store.updateComplaint(next, expectedVersion: complaint.version, events: events)
        await env.publish(events, tenant: tenant)
        return next
    }

    /// The complaint journey: every event, oldest first.
    public func journey(_ id: ComplaintID, in tenant: Tenant) async throws -> [DomainEvent] {
        _ = try await get(id, in: tenant)
        return try await env.store.events(of: id, tenant: tenant.id)
    }

    /// Records a contact with the citizen and meets the deadlines it completes.
    ///
    /// Does not take a version: a contact is a fact, not an edit, so a concurrent change is retried.
    public func recordContact(_ draft: NewContact, in tenant: Tenant, by actor: Actor) async throws -> Contact {
        let now = env.clock.now()
        if draft.occurredAt > now.addingTimeInterval(300) {
            throw KlageError.validation(field: "occurredAt", reason: "must not be in the future")
        }
        let summary = try Validate.text(draft.summary, field: "summary", max: 20_000)
        let agreement = try Validate.optionalText(draft.agreement, field: "agreement", max: 10_000)
        let fields = try Validate.fields(draft.fields)
        for attempt in 1...5 {
            let complaint = try await get(draft.complaintId, in: tenant)
            if draft.occurredAt < complaint.receivedAt.addingTimeInterval(-365 * 86_400) {
                throw KlageError.validation(field: "occurredAt", reason: "must not be more than a year before the complaint was received")
            }
            let contact = Contact(
                id: env.ids.next(), tenant: tenant.id, complaintId: complaint.id, kind: draft.kind,
                occurredAt: draft.occurredAt, recordedBy: actor.id, summary: summary, agreement: agreement,
                fields: fields, createdAt: now
            )
            var next = complaint
            var effects: [WorkflowEffect] = []
            if let definition = env.registry.workflow(complaint.workflow, version: complaint.workflowVersion) {
                effects = engine.contactRecorded(contact, on: &next, in: definition)
            }
            var events = [env.event(.contactRecorded, complaint: complaint.id, tenant: tenant.id, actor: actor, at: now,
                                    summary: "Contact recorded: \(contact.kind.rawValue)",
                                    data: ["contactId": .string(contact.id.rawValue), "kind": .string(contact.kind.rawValue)])]
            events += self.events(for: effects, complaint: next, actor: actor, at: now)
            var update: (complaint: Complaint, expectedVersion: Int)?
            if next != complaint {
                next.version = complaint.version + 1
                next.updatedAt = now
                update = (next, complaint.version)
            }
            do {
                try await env.store.insertContact(contact, update: update, events: events)
                await env.publish(events, tenant: tenant)
                return contact
            } catch let error as KlageError where error.code == .conflict && attempt < 5 {
                continue
            }
        }
        throw KlageError.conflict("the complaint changed too often while recording the contact; try again")
    }

    /// The contacts of a complaint, oldest first.
    public func contacts(of id: ComplaintID, in tenant: Tenant) async throws -> [Contact] {
        _ = try await get(id, in: tenant)
        return try await env.store.contacts(of: id, tenant: tenant.id)
    }

    private func workflow(_ id: WorkflowID, for tenant: Tenant) throws -> WorkflowDefinition {
        guard env.registry.isEnabled(id, for: tenant), let definition = env.registry.workflow(id) else {
            let known = env.registry.workflows(for: tenant).map(\.id.rawValue).joined(separator: ", ")
            throw KlageError.validation(field: "workflow", reason: "unknown workflow '\(id)'; this tenant has: \(known)")
        }
        return definition
    }

    private func events(for effects: [WorkflowEffect], complaint: Complaint, actor: Actor, at now: Date) -> [DomainEvent] {
        effects.map { effect in
            let (type, summary, data): (EventType, String, [String: JSONValue]) = switch effect {
            case .actionTaken(let action, let outcome):
                (.actionTaken, "Action '\(action)' taken" + (outcome.map { " with outcome \($0.rawValue)" } ?? ""),
                 ["action": .string(action.rawValue), "outcome": outcome.map { .string($0.rawValue) } ?? .null])
            case .entered(let state):
                (.stateEntered, "Entered state '\(state)'", ["state": .string(state.rawValue)])
            case .deadlineStarted(let name, let dueAt):
                ("deadline.started", "Deadline '\(name)' started", ["deadline": .string(name), "dueAt": .string(Timestamp.format(dueAt))])
            case .deadlineMet(let name, let late):
                (.deadlineMet, "Deadline '\(name)' met" + (late ? " late" : ""), ["deadline": .string(name), "late": .bool(late)])
            case .deadlineStopped(let name):
                ("deadline.stopped", "Deadline '\(name)' stopped at closing", ["deadline": .string(name)])
            }
            return env.event(type, complaint: complaint.id, tenant: complaint.tenant, actor: actor, at: now, summary: summary, data: data)
        }
    }
}
