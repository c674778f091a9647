import Foundation
public import KlageKernel

/// A survey is one row of `surveys`, keyed by its complaint; the answer is recorded with a
/// conditional update (``SQLKlageStore/submitSurvey(tokenHash:score:comment:at:)``).
extension Survey: TableRecord {
    public static let tableName = "surveys"

    public static let columns: [TableColumn<Survey>] = [
        .key("tenant_id") { $0.tenant },
        .key("complaint_id") { $0.complaintId },
        .insertOnly("token_hash") { $0.tokenHash },
        .insertOnly("issued_at") { $0.issuedAt },
        .insertOnly("expires_at") { $0.expiresAt },
        .column("submitted_at") { $0.submittedAt },
        .column("score") { $0.score },
        .column("comment") { $0.comment },
    ]

    public init(row: SQLRow) throws {
        self.init(
            tenant: try row.value("tenant_id"), complaintId: try row.value("complaint_id"), tokenHash: try row.string("token_hash"),
            issuedAt: try row.date("issued_at"), expiresAt: try row.date("expires_at"), submittedAt: row.optionalDate("submitted_at"),
            score: row["score"].integer.map { Int($0) }, comment: row.optionalString("comment"))
    }
}
