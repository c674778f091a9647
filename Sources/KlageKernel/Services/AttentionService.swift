import Foundation

/// What leaders and caseworkers should look at now: complaint clocks at risk or missed, and what the
/// tenant's plug-ins report as overdue (Copenhagen's agreed tasks, Gladsaxe's improvement actions).
///
/// ```
///   store.complaintsNeedingAttention ──▶ one item per clock: dueSoon | missed ─┐
///   plug-ins' attention sources ───────▶ their items (e.g. taskOverdue) ───────┼─▶ department filter
///                                                                               │   sort by dueAt
///                                                                               └─▶ first `limit`
/// ```
/// Items carry no citizen personal data (the complaint's subject is left out too: citizens write
/// it), so listing them is not access-logged; reading the complaint itself is.
public struct AttentionService: Sendable {
    private let env: ServiceEnvironment

    public init(_ env: ServiceEnvironment) {
        self.env = env
    }

    /// The tenant's attention list, earliest due first.
    ///
    /// A plug-in source that throws is reported like a failing hook and left out, so one plug-in's
    /// trouble never hides the complaints' clocks.
    ///
    /// - Parameters:
    ///   - query: at most `limit` items (validated by the caller), optionally of one department;
    ///     with a department, items whose department is unknown are left out.
    ///   - tenant: the caller's tenant.
    ///   - actor: who asks; plug-in sources run as this actor.
    /// - Returns: items sorted by due time, then kind and id, so the order is stable.
    public func list(_ query: AttentionQuery, in tenant: Tenant, by actor: Principal) async throws -> [AttentionItem] {
        let now = env.clock.now()
        var items: [AttentionItem] = []
        for complaint in try await env.store.complaintsNeedingAttention(
            tenant: tenant.id, at: now, department: query.department,
            limit: query.limit)
        {
            let definition = env.registry.workflow(complaint.workflow, version: complaint.workflowVersion)
            for deadline in complaint.deadlines {
                guard let kind = deadline.attention(at: now) else { continue }
                let rule = definition?.deadlineRule(named: deadline.name)
                items.append(
                    AttentionItem(
                        kind: kind, dueAt: deadline.dueAt, title: rule?.titles ?? .same(deadline.name),
                        complaintId: complaint.id, deadline: deadline.name, department: complaint.department))
            }
        }
        for source in env.registry.attentionSources(for: tenant) {
            do {
                items += try await source.items(query, env.pluginContext(source.pluginID, tenant: tenant, actor: actor))
            } catch {
                env.hookFailed(source.pluginID, "attention.list", error)
            }
        }
        items += env.notices.items(for: tenant.id, at: now)
        if let department = query.department { items.removeAll { $0.department != department } }
        items = try await visible(items, to: actor, in: tenant)
        items.sort { a, b in
            (a.dueAt, a.kind.rawValue, a.complaintId?.rawValue ?? "", a.record?.id ?? "")
                < (b.dueAt, b.kind.rawValue, b.complaintId?.rawValue ?? "", b.record?.id ?? "")
        }
        return Array(items.prefix(query.limit))
    }

    /// Need to know: to a person limited to their departments, the items of complaints they may see and
    /// those of no complaint. An item naming its complaint's department is judged by it; one naming none
    /// (a plug-in reading for that person cannot learn another's department) by its complaint.
    private func visible(_ items: [AttentionItem], to actor: Principal, in tenant: Tenant) async throws -> [AttentionItem] {
        let visibility = ComplaintVisibility(actor, in: tenant)
        guard let departments = visibility.departments else { return items }
        let inDepartments = items.filter { $0.complaintId == nil || $0.department.map(departments.contains) ?? true }
        return try await visibility.keeping(inDepartments, about: { $0.department == nil ? $0.complaintId : nil }, in: tenant.id, from: env.store)
    }
}
