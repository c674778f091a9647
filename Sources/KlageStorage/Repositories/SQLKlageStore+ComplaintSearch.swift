import Foundation
import KlageKernel

/// The parts of `complaints(tenant:matching:)` that search and page by deadline.
extension SQLKlageStore {
    /// The order key of ``ComplaintQuery/Order/due``: the stored next running deadline, none last.
    static let dueOrder: SQL = "COALESCE(next_due_at, 9223372036854775807)"

    /// ``dueOrder`` of a complaint as stored.
    static func dueKey(of complaint: Complaint) -> Int64 {
        guard case .integer(let millis) = complaint.nextDueAt.sqlValue else { return .max }
        return millis
    }

    /// Where a page starts: after `id`, and for the deadline order, after its due key.
    struct PageStart {
        let due: Int64
        let id: String
    }

    /// The start a cursor's position names for `order`.
    /// - Throws: validation for a position of another order (a cursor of another list).
    static func pageStart(_ position: String, order: ComplaintQuery.Order) throws -> PageStart {
        guard order == .due else { return PageStart(due: 0, id: position) }
        guard let dash = position.firstIndex(of: "-"), let due = Int64(position[..<dash]), position.index(after: dash) < position.endIndex else {
            throw KlageError.validation(field: "cursor", reason: "not a cursor from a previous page of this order")
        }
        return PageStart(due: due, id: String(position[position.index(after: dash)...]))
    }

    /// The condition a search puts on `complaints`: its whole text is the id or the external reference,
    /// or every word starts a word of the subject, description or citizen's name.
    static func matching(_ search: SearchText, in tenant: TenantID, dialect: SQLDialect) -> SQL {
        let reference: SQL = "id = \(search.text) OR external_ref = \(search.text)"
        if dialect == .postgres {
            // `word:*` is a prefix of the stemmed word; the words hold only letters and digits.
            let query = search.words.map { "\($0):*" }.joined(separator: " & ")
            return "(" + reference + " OR " + SQL(unsafeSQL: Schema.postgresSearchDocument) + " @@ to_tsquery('danish'::regconfig, \(query)))"
        }
        let query = search.words.map { "\"\($0)\"*" }.joined(separator: " ")
        return "(" + reference
            + """
             OR id IN (SELECT rows.complaint_id FROM complaint_text JOIN complaint_search_rows rows ON rows.n = complaint_text.rowid \
            WHERE complaint_text MATCH \(query) AND rows.tenant_id = \(tenant)))
            """
    }
}
