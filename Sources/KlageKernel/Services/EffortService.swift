public import Foundation

/// Staff time spent on a complaint outside its contacts: the evidence of time saved per complaint.
///
/// Effort after closing is real (a written answer, the follow-up with colleagues), so a closed
/// complaint takes it too.
public struct EffortService: Sendable {
    private let env: ServiceEnvironment

    public init(_ env: ServiceEnvironment) {
        self.env = env
    }

    /// Records staff time on a complaint, with an `effort.recorded` event on its journey.
    ///
    /// - Parameters:
    ///   - complaintId: The complaint, of the caller's tenant.
    ///   - minutes: Whole minutes, 1 to 1,440.
    ///   - activity: What the time went to (at most 200 characters, no personal data).
    ///   - at: When the work was done; now when `nil`. Not in the future, nor before the complaint was registered.
    /// - Throws: validation naming `minutes`, `activity` or `at`; not found, also for another tenant's complaint.
    public func record(
        on complaintId: ComplaintID, minutes: Int, activity: String?, at: Date?, in tenant: Tenant, by actor: Principal
    ) async throws -> EffortEntry {
        guard (1...1_440).contains(minutes) else { throw KlageError.validation(field: "minutes", reason: "must be a whole number from 1 to 1440") }
        let activity = try Validate.optionalText(activity, field: "activity", max: 200)
        if let activity { try Validate.freeOfPersonalData(activity, field: "activity") }
        let now = env.clock.now()
        let at = at ?? now
        if at > now.addingTimeInterval(300) { throw KlageError.validation(field: "at", reason: "must not be in the future") }
        let complaint = try await ComplaintService(env).get(complaintId, in: tenant, by: actor)
        if ClientTime.isBefore(at, complaint.createdAt) {
            throw KlageError.validation(
                field: "at", reason: "must not be before the complaint was registered (\(Timestamp.format(complaint.createdAt)))")
        }
        let entry = EffortEntry(
            id: env.ids.next(), tenant: tenant.id, complaintId: complaint.id, minutes: minutes, activity: activity, recordedBy: actor.id, at: at,
            createdAt: now)
        let events = [
            env.event(
                .effortRecorded, complaint: complaint.id, tenant: tenant.id, actor: actor, at: now, summary: "Effort recorded: \(minutes) min",
                data: ["effortId": .string(entry.id.rawValue), "minutes": .number(Double(minutes))])
        ]
        try await env.store.insertEffort(entry, events: events)
        await env.publish(events, tenant: tenant, actor: actor)
        return entry
    }

    /// The effort recorded on a complaint, oldest first. - Throws: not found, also for another tenant's
    /// complaint and for one `actor` may not see.
    public func list(of complaintId: ComplaintID, in tenant: Tenant, by actor: Principal) async throws -> [EffortEntry] {
        _ = try await ComplaintService(env).get(complaintId, in: tenant, by: actor)
        return try await env.store.efforts(of: complaintId, tenant: tenant.id)
    }
}
