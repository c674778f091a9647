public import Foundation

/// The scheduler's deadline checks across tenants.
extension ComplaintService {
    /// Records the warn and fail points that have passed, for every tenant: what the scheduler runs.
    ///
    /// Safe with several instances: each change is a compare-and-swap on the complaint's version, so
    /// exactly one instance records a warning or a miss; the others see a conflict and move on.
    /// - Returns: how many complaints it changed.
    @discardableResult
    public func checkDeadlines(limit: Int = 500) async throws -> Int {
        let now = env.clock.now()
        var changed = 0
        var tenants: [TenantID: Tenant] = [:]
        let batch = try await env.store.complaintsToCheck(at: now, limit: limit)
        for row in batch.unreadable {
            // Reported by id only, and looked at again in an hour, so the rest of the host keeps its clocks.
            env.followUpFailed(
                "deadline check: complaint \(row.id) of tenant \(row.tenant) cannot be read; skipped for an hour",
                StorageRowError())
            try? await env.store.postponeClockCheck(of: row.id, tenant: row.tenant, until: now.addingTimeInterval(3600))
        }
        for complaint in batch.complaints {
            if tenants[complaint.tenant] == nil { tenants[complaint.tenant] = try await env.store.tenant(complaint.tenant) }
            guard let tenant = tenants[complaint.tenant] else { continue }
            var next = complaint
            let effects = engine.checkClocks(&next, at: now)
            guard !effects.isEmpty else { continue }
            next.version = complaint.version + 1
            next.updatedAt = now
            let actor = Principal.system(tenant: tenant.id)
            let events = self.events(for: effects, complaint: next, actor: actor, at: now)
            do {
                try await env.store.updateComplaint(next, expectedVersion: complaint.version, events: events)
                changed += 1
                await env.publish(events, tenant: tenant, actor: actor)
            } catch let error as KlageError where error.code == .conflict {
                continue  // another instance, or a caseworker, changed it first; the next run looks again
            }
        }
        return changed
    }
}
