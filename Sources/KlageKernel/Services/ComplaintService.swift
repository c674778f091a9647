public import Foundation

/// The use cases of complaints and contacts: create, read, list, act, journey, record a contact,
/// pause and resume the clocks, reopen, and the scheduler's deadline checks.
///
/// Every method takes the caller's tenant and actor; nothing here can reach another tenant's data.
public struct ComplaintService: Sendable {
    let env: ServiceEnvironment
    let engine = WorkflowEngine()

    public init(_ env: ServiceEnvironment) {
        self.env = env
    }

    /// Registers a complaint, or returns the existing one when `externalRef` was used before.
    ///
    /// - Throws: validation for bad fields or a workflow the tenant does not have.
    public func create(_ draft: NewComplaint, in tenant: Tenant, by actor: Principal) async throws -> Complaint {
        let definition = try workflow(draft.workflow, for: tenant)
        guard definition.tracks.contains(draft.track) else {
            throw KlageError.validation(field: "track", reason: "workflow '\(definition.id)' does not handle the '\(draft.track.rawValue)' track")
        }
        let now = env.clock.now()
        let receivedAt = draft.receivedAt ?? now
        if receivedAt > now.addingTimeInterval(300) {
            throw KlageError.validation(field: "receivedAt", reason: "must not be in the future")
        }
        let fields = try Validate.fields(draft.fields)
        if fields[WrittenRoute.fieldName] != nil {
            throw KlageError.validation(
                field: "fields.\(WrittenRoute.fieldName)", reason: "kept by the kernel; record the citizen's wish with complaint.preferWrittenContact"
            )
        }
        try FieldSpec.validate(fields, against: definition.complaintFields, path: "fields")
        var complaint = try Complaint(
            registering: draft, id: env.ids.next(), tenant: tenant.id, definition: definition, receivedAt: receivedAt, fields: fields, at: now)
        let effects = engine.start(&complaint, in: definition, settings: tenant.settings)
        var events = [
            env.event(
                .complaintReceived, complaint: complaint.id, tenant: tenant.id, actor: actor, at: now,
                summary: "Complaint received by \(complaint.channel.rawValue) (\(complaint.track.rawValue))")
        ]
        events += self.events(for: effects, complaint: complaint, actor: actor, at: now)
        let (stored, created) = try await env.store.insertComplaint(complaint, events: events)
        if created {
            await env.publish(events, tenant: tenant, actor: actor)
            return stored
        }
        // A retry returns the stored complaint; a different complaint under a used reference must not
        // (a mistaken reference would hand the caller another citizen's case).
        guard stored.isSameRegistration(as: complaint, receivedAtGiven: draft.receivedAt != nil) else {
            throw KlageError.conflict("externalRef '\(stored.externalRef ?? "")' is already used by another complaint")
        }
        try await logAccess(to: [stored.id], in: tenant, by: actor, purpose: "complaint.create (repeated)")
        return stored
    }

    /// The complaint with this id, for `actor` to process. - Throws: not found, also for another tenant's id
    /// and for one `actor` may not see (``ComplaintVisibility``); conflict when its processing is restricted
    /// (GDPR art. 18): a restricted complaint is not processed further.
    public func get(_ id: ComplaintID, in tenant: Tenant, by actor: Principal) async throws -> Complaint {
        guard let complaint = try await env.store.complaint(id, tenant: tenant.id),
            ComplaintVisibility(actor, in: tenant).showsDepartment(of: complaint)
        else { throw KlageError.notFound("complaint") }
        if complaint.restrictedAt != nil { throw KlageError.restricted() }
        return complaint
    }

    /// The complaint, for a read by `actor`: a restricted one only for admins, and only one `actor` may see
    /// (``ComplaintVisibility``); others get not found.
    func readable(_ id: ComplaintID, in tenant: Tenant, by actor: Principal?) async throws -> Complaint {
        guard let complaint = try await env.store.complaint(id, tenant: tenant.id), ComplaintVisibility(actor, in: tenant).shows(complaint)
        else { throw KlageError.notFound("complaint") }
        return complaint
    }

    /// The complaint, for showing to `actor`: the read of its personal data is logged first. A restricted
    /// complaint is shown to admins only, and only one `actor` may see (``ComplaintVisibility``).
    public func read(_ id: ComplaintID, in tenant: Tenant, by actor: Principal, purpose: String) async throws -> Complaint {
        let access = AccessRecord(tenant: tenant.id, complaintId: id, actor: actor.id, actorLabel: actor.label, at: env.clock.now(), purpose: purpose)
        guard
            let complaint = try await env.store.complaint(
                id, tenant: tenant.id, recording: access, visibleAs: ComplaintVisibility(actor, in: tenant))
        else {
            throw KlageError.notFound("complaint")
        }
        return complaint
    }

    /// A page of the tenant's complaints; `overdue` keeps those with a running deadline past due.
    /// With an actor, the read of every listed complaint's personal data is logged, as a search
    /// (`complaint.search`) when the query searches.
    public func list(_ query: ComplaintQuery, overdue: Bool, in tenant: Tenant, by actor: Principal? = nil) async throws -> Page<Complaint> {
        var query = query
        if overdue { query.overdueAt = env.clock.now() }
        query.visibility = ComplaintVisibility(actor, in: tenant)
        let page = try await env.store.complaints(tenant: tenant.id, matching: query)
        if let actor {
            try await logAccess(to: page.items.map(\.id), in: tenant, by: actor, purpose: query.search == nil ? "complaint.list" : "complaint.search")
        }
        return page
    }

    /// Who read a complaint's personal data, oldest first: part of the citizen's right of access.
    public func accessLog(of id: ComplaintID, in tenant: Tenant, by actor: Principal? = nil) async throws -> [AccessRecord] {
        _ = try await readable(id, in: tenant, by: actor)
        return try await env.store.accessLog(of: id, tenant: tenant.id)
    }

    func logAccess(to ids: [ComplaintID], in tenant: Tenant, by actor: Principal, purpose: String) async throws {
        guard !ids.isEmpty else { return }
        let now = env.clock.now()
        try await env.store.recordAccess(
            ids.map {
                AccessRecord(tenant: tenant.id, complaintId: $0, actor: actor.id, actorLabel: actor.label, at: now, purpose: purpose)
            }, tenant: tenant.id)
    }

    /// Takes one workflow action. When it closes the complaint and the tenant sets `surveyAtClosing`,
    /// the satisfaction survey is issued right after, and its one-time token is in the result only.
    ///
    /// - Throws: conflict for a stale `version` or an action not allowed now; forbidden for the wrong
    ///   role; validation for an unknown action, bad fields, or a missing outcome or consent. A survey
    ///   that cannot be issued never undoes the close: it is reported to ``ServiceEnvironment/followUpFailed``.
    public func act(
        _ id: ComplaintID, action: ActionID, version: Int, note: String?, outcome: Outcome?,
        fields: [String: JSONValue], in tenant: Tenant, by actor: Principal
    ) async throws -> ActionResult {
        let note = try Validate.optionalText(note, field: "note", max: 10_000)
        let fields = try Validate.fields(fields)
        let contacts = try await env.store.contacts(of: id, tenant: tenant.id)
        var closedNow = false
        let complaint = try await change(id, version: version, in: tenant, by: actor, note: note, purpose: "complaint.act") {
            complaint, definition, now in
            let input = GuardInput(complaint: complaint, contacts: contacts, actor: actor, now: now, note: note, fields: fields, outcome: outcome)
            let (next, effects) = try engine.perform(action, on: complaint, in: definition, input: input, settings: tenant.settings)
            closedNow = complaint.closedAt == nil && next.closedAt != nil
            complaint = next
            return effects
        }
        let survey = closedNow ? await issueSurveyAtClosing(complaint, in: tenant, by: actor) : nil
        return ActionResult(complaint: complaint, survey: survey)
    }

    /// Pauses the complaint's clocks, e.g. while waiting for the citizen; the reason goes into the journey.
    public func pause(_ id: ComplaintID, version: Int, reason: String, in tenant: Tenant, by actor: Principal) async throws -> Complaint {
        let reason = try Validate.text(reason, field: "reason", max: 1_000)
        return try await change(id, version: version, in: tenant, by: actor, note: reason, purpose: "complaint.pause") { complaint, _, now in
            try engine.pause(&complaint, at: now)
        }
    }

    /// Corrects the complaint's legal track; the reason (free of personal data) goes into the journey and so
    /// into the audit trail. An appeal's forwarding clock then runs from the complaint's receipt.
    ///
    /// - Throws: validation for a missing reason or one that holds personal data, or a track the workflow
    ///   does not handle; conflict for a stale version, a closed complaint, or the track it already has.
    public func retrack(
        _ id: ComplaintID, version: Int, track: ComplaintTrack, reason: String, in tenant: Tenant, by actor: Principal
    ) async throws -> Complaint {
        let reason = try Validate.text(reason, field: "reason", max: 1_000)
        try Validate.freeOfPersonalData(reason, field: "reason")
        return try await change(id, version: version, in: tenant, by: actor, note: reason, purpose: "complaint.retrack") {
            complaint, definition, _ in
            try engine.retrack(&complaint, to: track, in: definition, settings: tenant.settings)
        }
    }

    /// Records that the citizen asked for written contact, and why: the written route opens, so a letter,
    /// e-mail or Digital Post that reaches them counts where a conversation would.
    public func preferWrittenContact(
        _ id: ComplaintID, version: Int, reason: WrittenContactReason, in tenant: Tenant, by actor: Principal
    ) async throws -> Complaint {
        try await change(id, version: version, in: tenant, by: actor, note: nil, purpose: "complaint.preferWrittenContact") {
            complaint, _, now in
            try engine.preferWrittenContact(&complaint, reason: reason, at: now)
        }
    }

    /// Resumes paused clocks with the time they had left.
    public func resume(_ id: ComplaintID, version: Int, in tenant: Tenant, by actor: Principal) async throws -> Complaint {
        try await change(id, version: version, in: tenant, by: actor, note: nil, purpose: "complaint.resume") { complaint, _, now in
            try engine.resume(&complaint, at: now, settings: tenant.settings)
        }
    }

    /// Reopens a complaint closed as withdrawn or resolved within the tenant's window (`reopenWindowDays`, 14 by default).
    public func reopen(_ id: ComplaintID, version: Int, reason: String, in tenant: Tenant, by actor: Principal) async throws -> Complaint {
        let reason = try Validate.text(reason, field: "reason", max: 1_000)
        let window = TenantSettings.value(TenantSettings.reopenWindowDays, in: tenant.settings)
        return try await change(id, version: version, in: tenant, by: actor, note: reason, purpose: "complaint.reopen") {
            complaint, definition, now in
            try engine.reopen(&complaint, in: definition, at: now, windowDays: window, settings: tenant.settings)
        }
    }

    /// The complaint journey: every event, oldest first.
    ///
    /// With an actor, the read is logged: notes on the journey can hold personal data.
    public func journey(_ id: ComplaintID, in tenant: Tenant, by actor: Principal? = nil, purpose: String = "complaint.journey") async throws
        -> [DomainEvent]
    {
        _ = try await readable(id, in: tenant, by: actor)
        if let actor { try await logAccess(to: [id], in: tenant, by: actor, purpose: purpose) }
        return try await env.store.events(of: id, tenant: tenant.id)
    }

    /// Adds an event to a complaint's journey without changing the complaint (plug-in notes, touchpoints).
    @discardableResult
    public func appendEvent(
        _ type: EventType, to id: ComplaintID, in tenant: Tenant, by actor: Principal, summary: String,
        data: [String: JSONValue] = [:], at: Date? = nil
    ) async throws -> DomainEvent {
        _ = try await get(id, in: tenant, by: actor)
        let event = env.event(type, complaint: id, tenant: tenant.id, actor: actor, at: at ?? env.clock.now(), summary: summary, data: data)
        try await env.store.appendEvents([event], tenant: tenant.id)
        await env.publish([event], tenant: tenant, actor: actor)
        return event
    }

    /// Loads a complaint at `version`, lets `body` change it, and stores the change with its events.
    func change(
        _ id: ComplaintID, version: Int, in tenant: Tenant, by actor: Principal, note: String?, purpose: String,
        _ body: (inout Complaint, WorkflowDefinition, Date) throws -> [WorkflowEffect]
    ) async throws -> Complaint {
        let complaint = try await get(id, in: tenant, by: actor)
        guard complaint.version == version else {
            throw KlageError.staleVersion(expected: version, current: complaint.version)
        }
        guard let definition = env.registry.workflow(complaint.workflow, version: complaint.workflowVersion) else {
            throw KlageError.conflict("workflow '\(complaint.workflow)' version \(complaint.workflowVersion) is not on this host")
        }
        let now = env.clock.now()
        var next = complaint
        let effects = try body(&next, definition, now)
        next.version = complaint.version + 1
        next.updatedAt = now
        var events = self.events(for: effects, complaint: next, actor: actor, at: now)
        if let note, !events.isEmpty {
            let first = events[0]
            events[0] = DomainEvent(
                id: first.id, tenant: first.tenant, complaintId: first.complaintId, at: first.at, type: first.type,
                actor: first.actor, summary: first.summary,
                data: first.data.merging(["note": .string(note)]) { _, new in new })
        }
        try await env.store.updateComplaint(next, expectedVersion: complaint.version, events: events)
        await env.publish(events, tenant: tenant, actor: actor)
        // The answer holds the citizen: a read of personal data like any other.
        try await logAccess(to: [id], in: tenant, by: actor, purpose: purpose)
        return next
    }

    /// The route a contact went by, for figures that keep them apart: `oral` (a call, meeting or video), `written`
    /// (a letter, e-mail or Digital Post on the written route, in place of a call), `written_answer` (a written
    /// contact while phone is the route, such as Roskilde's written answer), or `other`.
    static func route(of contact: Contact, on complaint: Complaint) -> String {
        if contact.kind.isOral { return "oral" }
        guard contact.kind.isWritten else { return "other" }
        return WrittenRoute.isOpen(on: complaint) ? "written" : "written_answer"
    }

    func workflow(_ id: WorkflowID, for tenant: Tenant) throws -> WorkflowDefinition {
        guard env.registry.isEnabled(id, for: tenant), let definition = env.registry.workflow(id) else {
            let known = env.registry.workflows(for: tenant).map(\.id.rawValue).joined(separator: ", ")
            throw KlageError.validation(field: "workflow", reason: "unknown workflow '\(id)'; this tenant has: \(known)")
        }
        return definition
    }

    func events(for effects: [WorkflowEffect], complaint: Complaint, actor: Principal, at now: Date) -> [DomainEvent] {
        effects.flatMap(\.journal).map { entry in
            env.event(entry.type, complaint: complaint.id, tenant: complaint.tenant, actor: actor, at: now, summary: entry.summary, data: entry.data)
        }
    }
}
