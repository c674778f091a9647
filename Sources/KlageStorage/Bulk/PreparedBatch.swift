/// A ``RecordBatch`` as the statements that insert it and the report days it changes, built before the
/// write so that the work of encoding can run beside the single writer.
public struct PreparedBatch: Sendable {
    /// Multi-row inserts, parents before children.
    public let statements: [SQL]
    /// The report days (``KlageReports/ReportDay``) the batch's complaints were received on.
    public let days: [Int]
    /// How many rows the statements write.
    public let rowCount: Int
    /// The audit chain's links for the batch's events, digested ahead; the write numbers and links them.
    let auditLinks: [AuditChain.Link]
}

extension RecordBatch {
    /// The statements that insert this batch, parents before children: complaints, then what refers to them.
    ///
    /// - Throws: when a JSON column cannot be encoded.
    public func prepared() throws -> PreparedBatch {
        let statements: [[SQL]] = [
            try SQL.insert(complaints), try SQL.insert(contacts), try SQL.insert(efforts), try SQL.insert(surveys),
            try SQL.insert(events), try SQL.insert(learningItems), try SQL.insert(pulses),
        ]
        return PreparedBatch(
            statements: Array(statements.joined()), days: SQLKlageStore.reportDays(of: complaints), rowCount: rowCount,
            auditLinks: events.map(AuditChain.Link.init))
    }
}
