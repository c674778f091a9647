import Foundation
import KlageKernel

extension SQLKlageStore: ComplaintStore {
    public func insertComplaint(_ complaint: Complaint, events: [DomainEvent]) async throws -> (complaint: Complaint, created: Bool) {
        try await write(complaint.tenant) { connection in
            let inserted = try connection.execute("""
                INSERT INTO complaints (tenant_id, id, workflow, workflow_version, state, track, channel, subject, description,
                    remedy, citizen, department, external_ref, received_at, deadlines, next_due_at, outcome, fields, version,
                    created_at, updated_at, closed_at, next_check_at, escalated_at)
                VALUES (\(try Self.columnValues(complaint)))
                ON CONFLICT DO NOTHING
                """)
            if inserted == 1 {
                try Self.insert(events, on: connection)
                return (complaint, true)
            }
            guard let ref = complaint.externalRef,
                  let row = try connection.queryFirst("SELECT * FROM complaints WHERE tenant_id = \(complaint.tenant) AND external_ref = \(ref)")
            else { throw StorageError(code: .constraint, message: "complaint id collision") }
            return (try Self.complaint(from: row), false)
        }
    }

    public func complaint(_ id: ComplaintID, tenant: TenantID) async throws -> Complaint? {
        try await read(tenant) { connection in
            try connection.queryFirst("SELECT * FROM complaints WHERE tenant_id = \(tenant) AND id = \(id)").map(Self.complaint(from:))
        }
    }

    public func complaints(tenant: TenantID, matching query: ComplaintQuery) async throws -> Page<Complaint> {
        try await read(tenant) { connection in
            var sql: SQL = "SELECT * FROM complaints WHERE tenant_id = \(tenant)"
            if let state = query.state { sql = sql + " AND state = \(state)" }
            if let workflow = query.workflow { sql = sql + " AND workflow = \(workflow)" }
            if let department = query.department { sql = sql + " AND department = \(department)" }
            if let overdueAt = query.overdueAt { sql = sql + " AND next_due_at < \(overdueAt)" }
            if query.escalated { sql = sql + " AND escalated_at IS NOT NULL" }
            if let after = query.after { sql = sql + " AND id < \(after)" }
            sql = sql + " ORDER BY id DESC LIMIT \(query.limit + 1)"
            let items = try connection.query(sql).map(Self.complaint(from:))
            return Self.page(items, limit: query.limit) { $0.id.rawValue }
        }
    }

    public func updateComplaint(_ complaint: Complaint, expectedVersion: Int, events: [DomainEvent]) async throws {
        try await write(complaint.tenant) { connection in
            try Self.update(complaint, expectedVersion: expectedVersion, on: connection)
            try Self.insert(events, on: connection)
        }
    }

    public func insertContact(_ contact: Contact, update: (complaint: Complaint, expectedVersion: Int)?, events: [DomainEvent]) async throws {
        try await write(contact.tenant) { connection in
            if let update { try Self.update(update.complaint, expectedVersion: update.expectedVersion, on: connection) }
            try connection.execute("""
                INSERT INTO contacts (tenant_id, id, complaint_id, kind, reached, occurred_at, recorded_by, summary, agreement, fields, created_at)
                VALUES (\(contact.tenant), \(contact.id), \(contact.complaintId), \(contact.kind.rawValue), \(contact.reached), \(contact.occurredAt),
                        \(contact.recordedBy), \(contact.summary), \(contact.agreement), \(try RowJSON.text(contact.fields)), \(contact.createdAt))
                """)
            try Self.insert(events, on: connection)
        }
    }

    public func contacts(of complaint: ComplaintID, tenant: TenantID) async throws -> [Contact] {
        try await read(tenant) { connection in
            try connection.query("""
                SELECT * FROM contacts WHERE tenant_id = \(tenant) AND complaint_id = \(complaint) ORDER BY occurred_at, id
                """).map { row in
                Contact(id: try row.value("id"), tenant: try row.value("tenant_id"), complaintId: try row.value("complaint_id"),
                        kind: try row.value("kind"), reached: row["reached"].integer != 0, occurredAt: try row.date("occurred_at"), recordedBy: try row.string("recorded_by"),
                        summary: try row.string("summary"), agreement: row.optionalString("agreement"),
                        fields: try row.json("fields"), createdAt: try row.date("created_at"))
            }
        }
    }

    public func events(of complaint: ComplaintID, tenant: TenantID) async throws -> [DomainEvent] {
        try await read(tenant) { connection in
            try connection.query("SELECT * FROM events WHERE tenant_id = \(tenant) AND complaint_id = \(complaint) ORDER BY at, id").map { row in
                DomainEvent(id: try row.value("id"), tenant: try row.value("tenant_id"),
                            complaintId: row.optionalString("complaint_id").map { ComplaintID($0) },
                            learningItemId: row.optionalString("learning_item_id").map { LearningItemID($0) },
                            at: try row.date("at"), type: EventType(try row.string("type")), actor: try row.string("actor"),
                            summary: try row.string("summary"), data: try row.json("data"))
            }
        }
    }

    public func appendEvents(_ events: [DomainEvent], tenant: TenantID) async throws {
        try await write(tenant) { connection in try Self.insert(events, on: connection) }
    }

    public func complaintsReceived(tenant: TenantID, from: Date, to: Date, department: String?) async throws -> [Complaint] {
        try await read(tenant) { connection in
            var sql: SQL = "SELECT * FROM complaints WHERE tenant_id = \(tenant) AND received_at >= \(from) AND received_at < \(to)"
            if let department { sql = sql + " AND department = \(department)" }
            return try connection.query(sql).map(Self.complaint(from:))
        }
    }

    public func complaintsToCheck(at now: Date, limit: Int) async throws -> [Complaint] {
        try await read(nil) { connection in
            try connection.query("SELECT * FROM complaints WHERE next_check_at <= \(now) ORDER BY next_check_at LIMIT \(limit)")
                .map(Self.complaint(from:))
        }
    }

    private static func update(_ complaint: Complaint, expectedVersion: Int, on connection: any SQLConnection) throws {
        let citizen = try RowJSON.text(complaint.citizen)
        let deadlines = try RowJSON.text(complaint.deadlines)
        let fields = try RowJSON.text(complaint.fields)
        let outcome: String? = complaint.outcome?.rawValue
        let changed = try connection.execute("""
            UPDATE complaints SET state = \(complaint.state), track = \(complaint.track.rawValue), channel = \(complaint.channel.rawValue),
                subject = \(complaint.subject), description = \(complaint.description), remedy = \(complaint.remedy),
                citizen = \(citizen), department = \(complaint.department), deadlines = \(deadlines), next_due_at = \(complaint.nextDueAt),
                outcome = \(outcome), fields = \(fields), version = \(complaint.version),
                updated_at = \(complaint.updatedAt), closed_at = \(complaint.closedAt),
                next_check_at = \(complaint.nextCheckAt), escalated_at = \(complaint.escalatedAt)
            WHERE tenant_id = \(complaint.tenant) AND id = \(complaint.id) AND version = \(expectedVersion)
            """)
        if changed == 0 {
            try Self.explainFailedUpdate(table: "complaints", what: "complaint", tenant: complaint.tenant, id: complaint.id.rawValue,
                                         expectedVersion: expectedVersion, on: connection)
        }
    }

    private static func columnValues(_ c: Complaint) throws -> SQL {
        let citizen = try RowJSON.text(c.citizen)
        let deadlines = try RowJSON.text(c.deadlines)
        let fields = try RowJSON.text(c.fields)
        let outcome: String? = c.outcome?.rawValue
        return """
        \(c.tenant), \(c.id), \(c.workflow), \(c.workflowVersion), \(c.state), \(c.track.rawValue), \(c.channel.rawValue),
        \(c.subject), \(c.description), \(c.remedy), \(citizen), \(c.department), \(c.externalRef),
        \(c.receivedAt), \(deadlines), \(c.nextDueAt), \(outcome), \(fields),
        \(c.version), \(c.createdAt), \(c.updatedAt), \(c.closedAt), \(c.nextCheckAt), \(c.escalatedAt)
        """
    }

    static func complaint(from row: SQLRow) throws -> Complaint {
        let outcome = try row.optionalString("outcome").map { raw in
            guard let outcome = Outcome(rawValue: raw) else { throw StorageError.corruptRow(column: "outcome") }
            return outcome
        }
        let citizen: Citizen = try row.json("citizen")
        let deadlines: [Deadline] = try row.json("deadlines")
        let fields: [String: JSONValue] = try row.json("fields")
        return Complaint(
            id: try row.value("id"), tenant: try row.value("tenant_id"), workflow: try row.value("workflow"),
            workflowVersion: try row.int("workflow_version"), state: try row.value("state"), track: try row.value("track"),
            channel: try row.value("channel"), subject: try row.string("subject"), description: try row.string("description"),
            remedy: row.optionalString("remedy"), citizen: citizen, department: row.optionalString("department"),
            externalRef: row.optionalString("external_ref"), receivedAt: try row.date("received_at"),
            deadlines: deadlines, outcome: outcome, fields: fields, version: try row.int("version"), createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"), closedAt: row.optionalDate("closed_at"), escalatedAt: row.optionalDate("escalated_at")
        )
    }
}
