public import Foundation
public import KlageKernel

extension SQLKlageStore: AttentionStore {
    /// Candidates come from one tenant-scoped query over indexed columns; each is then checked
    /// clock by clock (the clocks are stored as JSON), and the query pages on until `limit`
    /// complaints that really need attention are found or the candidates run out.
    ///
    /// A complaint is a candidate when it has a running clock (`next_due_at` is set) and
    /// - its earliest running clock is due (`next_due_at <= now`: missed), or
    /// - the scheduler has something to record (`next_check_at <= now`: a warn point passed, not yet recorded), or
    /// - a warning was recorded on it (a `deadline.warned` event): the scheduler then moved
    ///   `next_check_at` on to the due time, so only the journey remembers that the clock is at risk.
    public func complaintsNeedingAttention(tenant: TenantID, at now: Date, department: String?, limit: Int) async throws -> [Complaint] {
        let batch = max(limit, 100)
        var found: [Complaint] = []
        var after: (dueAt: Date, id: String)?
        while found.count < limit {
            let cursor = after
            let rows = try await read(tenant) { connection in
                var sql: SQL = """
                    SELECT * FROM complaints c WHERE c.tenant_id = \(tenant) AND c.next_due_at IS NOT NULL AND c.restricted_at IS NULL
                    AND (c.next_due_at <= \(now) OR c.next_check_at <= \(now)
                         OR EXISTS (SELECT 1 FROM events e WHERE e.tenant_id = c.tenant_id AND e.complaint_id = c.id
                                    AND e.type = \(EventType.deadlineWarned.rawValue)))
                    """
                if let department { sql = sql + " AND c.department = \(department)" }
                if let after = cursor {
                    sql = sql + " AND (c.next_due_at > \(after.dueAt) OR (c.next_due_at = \(after.dueAt) AND c.id > \(after.id)))"
                }
                sql = sql + " ORDER BY c.next_due_at, c.id LIMIT \(batch)"
                return try connection.query(sql).map { row in (complaint: try Complaint(row: row), nextDueAt: try row.date("next_due_at")) }
            }
            found += rows.map(\.complaint).filter { complaint in complaint.deadlines.contains { $0.attention(at: now) != nil } }
            guard rows.count == batch, let last = rows.last else { break }
            after = (last.nextDueAt, last.complaint.id.rawValue)
        }
        return Array(found.prefix(limit))
    }
}
