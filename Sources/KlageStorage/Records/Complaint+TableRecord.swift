import Foundation
public import KlageKernel

/// A complaint is one row of `complaints`; `next_due_at` and `next_check_at` are derived from its
/// deadlines and stored for the overdue, attention and scheduler queries.
extension Complaint: TableRecord {
    public static let tableName = "complaints"

    public static let columns: [TableColumn<Complaint>] = [
        .key("tenant_id") { $0.tenant },
        .key("id") { $0.id },
        .insertOnly("workflow") { $0.workflow },
        .insertOnly("workflow_version") { $0.workflowVersion },
        .column("state") { $0.state },
        .column("track") { $0.track.rawValue },
        .column("channel") { $0.channel.rawValue },
        .column("subject") { $0.subject },
        .column("description") { $0.description },
        .column("remedy") { $0.remedy },
        .json("citizen") { $0.citizen },
        .column("department") { $0.department },
        .insertOnly("external_ref") { $0.externalRef },
        .insertOnly("received_at") { $0.receivedAt },
        .json("deadlines") { $0.deadlines },
        .column("next_due_at") { $0.nextDueAt },
        .column("outcome") { $0.outcome?.rawValue },
        .json("fields") { $0.fields },
        .column("version") { $0.version },
        .insertOnly("created_at") { $0.createdAt },
        .column("updated_at") { $0.updatedAt },
        .column("closed_at") { $0.closedAt },
        .column("next_check_at") { $0.nextCheckAt },
        .column("escalated_at") { $0.escalatedAt },
        .column("assignee") { $0.assignee },
        .column("handoffs") { $0.handoffs },
        .column("restricted_at") { $0.restrictedAt },
        .column("anonymised_at") { $0.anonymisedAt },
    ]

    public init(row: SQLRow) throws {
        let outcome = try row.optionalString("outcome").map { raw in
            guard let outcome = Outcome(rawValue: raw) else { throw StorageError.corruptRow(column: "outcome") }
            return outcome
        }
        self.init(
            id: try row.value("id"), tenant: try row.value("tenant_id"), workflow: try row.value("workflow"),
            workflowVersion: try row.int("workflow_version"), state: try row.value("state"), track: try row.value("track"),
            channel: try row.value("channel"), subject: try row.string("subject"), description: try row.string("description"),
            remedy: row.optionalString("remedy"), citizen: try row.json("citizen"), department: row.optionalString("department"),
            externalRef: row.optionalString("external_ref"), receivedAt: try row.date("received_at"),
            deadlines: try row.json("deadlines"), outcome: outcome, fields: try row.json("fields"), version: try row.int("version"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"), closedAt: row.optionalDate("closed_at"),
            escalatedAt: row.optionalDate("escalated_at"), assignee: row.optionalString("assignee"),
            handoffs: row["handoffs"].integer.map(Int.init) ?? 0, restrictedAt: row.optionalDate("restricted_at"),
            anonymisedAt: row.optionalDate("anonymised_at")
        )
    }
}
