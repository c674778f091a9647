public import Foundation

/// Hand-offs: who is responsible for a complaint, and how often that changed.
///
/// A hand-off is a change of the responsible department or caseworker away from one that was set: the
/// methods measure themselves by cutting them. The first assignment of an unassigned complaint is not a
/// hand-off. Every change is on the journey (`complaint.assigned` or `complaint.handedOff`), with the
/// departments and assignee ids, never the citizen's data.
extension ComplaintService {
    /// Sets the responsible department, the assignee, or both.
    ///
    /// Assigning the values the complaint has already changes nothing: the complaint is returned as it
    /// is, with no new version and no event.
    ///
    /// - Parameters:
    ///   - id: The complaint.
    ///   - version: The version the caller read.
    ///   - department: The responsible department, or `nil` to keep it.
    ///   - assignee: The responsible caseworker's id (a person's `person:<id>`, a key id or the case system's
    ///     id), or `nil` to keep it.
    /// - Throws: validation when both are absent or a text is blank, too long (100) or looks like
    ///   personal data; conflict for a stale version; not found, also for another tenant's id.
    public func assign(
        _ id: ComplaintID, version: Int, department: String?, assignee: String?, in tenant: Tenant, by actor: Principal
    ) async throws -> Complaint {
        let complaint = try await get(id, in: tenant, by: actor)
        guard complaint.version == version else { throw KlageError.staleVersion(expected: version, current: complaint.version) }
        try await checkPerson(assignee, in: tenant)
        let (next, events) = try reassign(complaint, department: department, assignee: assignee, in: tenant, by: actor)
        if !events.isEmpty {
            try await env.store.updateComplaint(next, expectedVersion: complaint.version, events: events)
            await env.publish(events, tenant: tenant, actor: actor)
        }
        try await logAccess(to: [id], in: tenant, by: actor, purpose: "complaint.assign")
        return next
    }

    /// The complaint with `department` and `assignee` set, and the event that says so: none when nothing
    /// changes, `complaint.assigned` for a first assignment, `complaint.handedOff` (and `handoffs + 1`) when
    /// one that was set changes. The version is not checked here.
    private func reassign(_ complaint: Complaint, department: String?, assignee: String?, in tenant: Tenant, by actor: Principal) throws
        -> (Complaint, [DomainEvent])
    {
        if department == nil && assignee == nil {
            throw KlageError.validation(field: "assignee", reason: "give a department, an assignee, or both")
        }
        let department = try department.map { try Validate.text($0, field: "department", max: 100) }
        let assignee = try assignee.map { try Validate.text($0, field: "assignee", max: 100) }
        // A key's id is a UUID, and a person's `person:` and a UUID, whose first group may be eight digits:
        // ids by construction, not phone numbers.
        if let assignee, UUID(uuidString: assignee.hasPrefix("person:") ? String(assignee.dropFirst(7)) : assignee) == nil {
            try Validate.freeOfPersonalData(assignee, field: "assignee")
        }
        var next = complaint
        next.department = department ?? complaint.department
        next.assignee = assignee ?? complaint.assignee
        let departmentChanged = next.department != complaint.department
        let assigneeChanged = next.assignee != complaint.assignee
        guard departmentChanged || assigneeChanged else { return (complaint, []) }
        let handedOff = (departmentChanged && complaint.department != nil) || (assigneeChanged && complaint.assignee != nil)
        let now = env.clock.now()
        if handedOff { next.handoffs += 1 }
        if assigneeChanged { next.assignedBy = actor.id }
        next.version = complaint.version + 1
        next.updatedAt = now
        let data: [String: JSONValue] = [
            "fromDepartment": complaint.department.map(JSONValue.string) ?? .null, "toDepartment": next.department.map(JSONValue.string) ?? .null,
            "fromAssignee": complaint.assignee.map(JSONValue.string) ?? .null, "toAssignee": next.assignee.map(JSONValue.string) ?? .null,
        ]
        let event =
            handedOff
            ? env.event(
                .handedOff, complaint: complaint.id, tenant: tenant.id, actor: actor, at: now, summary: "Handed off (hand-off \(next.handoffs))",
                data: data)
            : env.event(.assigned, complaint: complaint.id, tenant: tenant.id, actor: actor, at: now, summary: "Assigned", data: data)
        return (next, [event])
    }

    /// Hands the complaint to `department`, `assignee` or both, as ``assign(_:version:department:assignee:in:by:)``
    /// does, and stores a plug-in's own account of the hand-off (`type`, such as who took part) beside it, in
    /// one change. The hand-off counts once: a complaint already with them (assigned there before) gets only
    /// the plug-in's event, and `handoffs` is unchanged.
    ///
    /// Takes no version: a hand-off that happened is a fact, so a concurrent change is retried.
    /// - Returns: The complaint after the hand-off and the plug-in's stored event.
    /// - Throws: validation as ``assign(_:version:department:assignee:in:by:)``; not found, also for another tenant's id.
    public func handOff(
        _ id: ComplaintID, department: String?, assignee: String?, recording type: EventType, summary: String, data: [String: JSONValue],
        in tenant: Tenant, by actor: Principal
    ) async throws -> (Complaint, DomainEvent) {
        try await checkPerson(assignee, in: tenant)
        for attempt in 1...5 {
            let complaint = try await get(id, in: tenant, by: actor)
            var (next, events) = try reassign(complaint, department: department, assignee: assignee, in: tenant, by: actor)
            let now = env.clock.now()
            if events.isEmpty {
                next.version = complaint.version + 1
                next.updatedAt = now
            }
            let detail = env.event(type, complaint: id, tenant: tenant.id, actor: actor, at: now, summary: summary, data: data)
            events.append(detail)
            do {
                try await env.store.updateComplaint(next, expectedVersion: complaint.version, events: events)
                await env.publish(events, tenant: tenant, actor: actor)
                return (next, detail)
            } catch let error as KlageError where error.code == .conflict && attempt < 5 {
                continue
            }
        }
        throw KlageError.conflict("the complaint changed too often while recording the hand-off; try again")
    }

    /// Checks that an assignee naming a person (`person:<id>`) names one of `tenant`'s people.
    /// - Throws: validation (`assignee`) when it names no one here.
    private func checkPerson(_ assignee: String?, in tenant: Tenant) async throws {
        guard let assignee, assignee.hasPrefix("person:") else { return }
        guard try await env.store.person(PersonID(String(assignee.dropFirst(7))))?.tenant == tenant.id else {
            throw KlageError.validation(field: "assignee", reason: "no person of this municipality has this id")
        }
    }
}
