import Foundation
public import KlageKernel

/// An audit entry is one row of `audit_chain`; entries are appended, never updated.
extension AuditEntry: TableRecord {
    public static let tableName = "audit_chain"

    public static let columns: [TableColumn<AuditEntry>] = [
        .key("tenant_id") { $0.tenant },
        .key("seq") { $0.seq },
        .insertOnly("kind") { $0.kind.rawValue },
        .insertOnly("reference") { $0.reference },
        .insertOnly("occurred_at") { $0.occurredAt },
        .insertOnly("actor") { $0.actor },
        .insertOnly("digest") { $0.digest },
        .insertOnly("previous_hash") { $0.previousHash },
        .insertOnly("hash") { $0.hash },
    ]

    public init(row: SQLRow) throws {
        guard let kind = AuditEntry.Kind(rawValue: try row.string("kind")) else { throw StorageError.corruptRow(column: "kind") }
        self.init(
            tenant: try row.value("tenant_id"), seq: try row.int("seq"), kind: kind, reference: try row.string("reference"),
            occurredAt: try row.date("occurred_at"), actor: try row.string("actor"), digest: try row.string("digest"),
            previousHash: try row.string("previous_hash"), hash: try row.string("hash"))
    }
}
