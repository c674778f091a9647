public import Foundation

/// Contacts with the citizen: recording one meets the deadlines it completes.
extension ComplaintService {
    /// Records a contact with the citizen and meets the deadlines it completes.
    ///
    /// Does not take a version: a contact is a fact, not an edit, so a concurrent change is retried.
    public func recordContact(_ draft: NewContact, in tenant: Tenant, by actor: Principal) async throws -> Contact {
        let now = env.clock.now()
        if draft.occurredAt > now.addingTimeInterval(300) {
            throw KlageError.validation(field: "occurredAt", reason: "must not be in the future")
        }
        let draft = try draft.validated()
        for attempt in 1...5 {
            let complaint = try await get(draft.complaintId, in: tenant, by: actor)
            // A contact is dated at its real time, from the complaint's receipt on (the call in which it was
            // received is the call-back), however late the complaint was registered; nothing before receipt.
            if ClientTime.isBefore(draft.occurredAt, complaint.receivedAt) {
                throw KlageError.validation(
                    field: "occurredAt",
                    reason: "must not be before the complaint was received (\(Timestamp.format(complaint.receivedAt)))"
                )
            }
            let definition = env.registry.workflow(complaint.workflow, version: complaint.workflowVersion)
            let earlier = try await env.store.contacts(of: complaint.id, tenant: tenant.id)
            try FieldSpec.validate(draft.fields, against: definition?.contactFields ?? [], path: "fields")
            let contact = Contact(recording: draft, id: env.ids.next(), tenant: tenant.id, recordedBy: actor.id, createdAt: now)
            var next = complaint
            var effects: [WorkflowEffect] = []
            if let definition {
                effects = engine.contactRecorded(
                    contact, on: &next, in: definition, earlier: earlier,
                    writtenRouteAfter: TenantSettings.value(TenantSettings.failedCallAttemptsBeforeWrittenRoute, in: tenant.settings)
                )
            }
            let what = contact.reached ? contact.kind.rawValue : "\(contact.kind.rawValue) attempt, citizen not reached"
            var events = [
                env.event(
                    .contactRecorded, complaint: complaint.id, tenant: tenant.id, actor: actor, at: now,
                    summary: "Contact recorded: \(what)",
                    data: [
                        "contactId": .string(contact.id.rawValue), "kind": .string(contact.kind.rawValue),
                        "reached": .bool(contact.reached), "route": .string(Self.route(of: contact, on: next)),
                    ])
            ]
            events += self.events(for: effects, complaint: next, actor: actor, at: now)
            var update: (complaint: Complaint, expectedVersion: Int)?
            if next != complaint {
                next.version = complaint.version + 1
                next.updatedAt = now
                update = (next, complaint.version)
            }
            do {
                try await env.store.insertContact(contact, update: update, events: events)
                await env.publish(events, tenant: tenant, actor: actor, contact: contact)
                return contact
            } catch let error as KlageError where error.code == .conflict && attempt < 5 {
                continue
            }
        }
        throw KlageError.conflict("the complaint changed too often while recording the contact; try again")
    }

    /// The contacts of a complaint, oldest first, for `actor`. - Throws: not found, also for another
    /// tenant's complaint and for one `actor` may not see.
    public func contacts(of id: ComplaintID, in tenant: Tenant, by actor: Principal) async throws -> [Contact] {
        _ = try await get(id, in: tenant, by: actor)
        return try await env.store.contacts(of: id, tenant: tenant.id)
    }
}
