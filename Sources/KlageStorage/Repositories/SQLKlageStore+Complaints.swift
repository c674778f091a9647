public import Foundation
public import KlageKernel
import KlageReports

extension SQLKlageStore: ComplaintStore {
    public func insertComplaint(_ complaint: Complaint, events: [DomainEvent]) async throws -> (complaint: Complaint, created: Bool) {
        // Encoded and hashed here, on the caller's task: the writer's transaction only runs statements.
        let insertComplaint = try SQL.insert(complaint)
        let prepared = try PreparedEvents(events)
        return try await write(complaint.tenant) { connection in
            if let ref = complaint.externalRef {
                // A second request with the same reference gets the complaint the first one stored.
                guard try connection.execute(insertComplaint + " ON CONFLICT DO NOTHING") == 1 else {
                    guard
                        let existing = try connection.fetchOne(
                            Complaint.self, SQL.select(Complaint.self) + " WHERE tenant_id = \(complaint.tenant) AND external_ref = \(ref)")
                    else { throw StorageError(code: .constraint, message: "complaint id collision") }
                    return (existing, false)
                }
            } else {
                // Only a taken id could conflict, and that fails the write: nothing to wait for (on
                // PostgreSQL the whole write goes in one message with its end).
                try connection.send(insertComplaint)
            }
            try insert(prepared, allNew: true, on: connection)
            try Self.markReportDay(tenant: complaint.tenant, receivedAt: complaint.receivedAt, on: connection)
            return (complaint, true)
        }
    }

    public func complaint(_ id: ComplaintID, tenant: TenantID) async throws -> Complaint? {
        try await read(tenant) { connection in
            try connection.fetchOne(Complaint.self, SQL.select(Complaint.self) + " WHERE tenant_id = \(tenant) AND id = \(id)")
        }
    }

    public func complaints(tenant: TenantID, matching query: ComplaintQuery) async throws -> Page<Complaint> {
        let search = query.search.map { Self.matching($0, in: tenant, dialect: driver.dialect) }
        let start = try query.after.map { try Self.pageStart($0, order: query.order) }
        return try await read(tenant) { connection in
            var sql = SQL.select(Complaint.self) + " WHERE tenant_id = \(tenant)"
            if let state = query.state { sql = sql + " AND state = \(state)" }
            if let workflow = query.workflow { sql = sql + " AND workflow = \(workflow)" }
            if let department = query.department { sql = sql + " AND department = \(department)" }
            if let assignee = query.assignee { sql = sql + " AND assignee = \(assignee)" }
            if let overdueAt = query.overdueAt { sql = sql + " AND next_due_at < \(overdueAt)" }
            if query.escalated { sql = sql + " AND escalated_at IS NOT NULL" }
            if query.open { sql = sql + " AND closed_at IS NULL" }
            if let from = query.receivedFrom { sql = sql + " AND received_at >= \(from)" }
            if let before = query.receivedBefore { sql = sql + " AND received_at < \(before)" }
            if let search { sql = sql + " AND " + search }
            if !query.visibility.includingRestricted { sql = sql + " AND restricted_at IS NULL" }
            if let departments = query.visibility.departments {
                // Need to know: the reader's departments, and the intake not routed to one yet.
                let shown = departments.sorted().map { department -> SQL in "department = \(department)" }
                sql = sql + " AND (" + SQL.joined(["department IS NULL"] + shown, separator: " OR ") + ")"
            }
            switch (query.order, start) {
            case (.newest, let start):
                if let start { sql = sql + " AND id < \(start.id)" }
                sql = sql + " ORDER BY id DESC"
            case (.due, let start):
                if let start {
                    sql = sql + " AND (" + Self.dueOrder + " > \(start.due) OR (" + Self.dueOrder + " = \(start.due) AND id > \(start.id)))"
                }
                sql = sql + " ORDER BY " + Self.dueOrder + ", id"
            }
            let items = try connection.fetchAll(Complaint.self, sql + " LIMIT \(query.limit + 1)")
            return Self.page(items, limit: query.limit) { complaint in
                query.order == .newest ? complaint.id.rawValue : "\(Self.dueKey(of: complaint))-\(complaint.id.rawValue)"
            }
        }
    }

    public func updateComplaint(_ complaint: Complaint, expectedVersion: Int, events: [DomainEvent]) async throws {
        let prepared = try PreparedEvents(events)
        try await write(complaint.tenant) { connection in
            try Self.update(complaint, expectedVersion: expectedVersion, on: connection)
            try insert(prepared, on: connection)
            try Self.markReportDay(tenant: complaint.tenant, receivedAt: complaint.receivedAt, on: connection)
        }
    }

    public func insertContact(_ contact: Contact, update: (complaint: Complaint, expectedVersion: Int)?, events: [DomainEvent]) async throws {
        let insertContact = try SQL.insert(contact)
        let prepared = try PreparedEvents(events)
        try await write(contact.tenant) { connection in
            if let update { try Self.update(update.complaint, expectedVersion: update.expectedVersion, on: connection) }
            try connection.send(insertContact)
            try insert(prepared, on: connection)
            if let update {
                try Self.markReportDay(tenant: contact.tenant, receivedAt: update.complaint.receivedAt, on: connection)
            } else {
                try Self.markReportDay(tenant: contact.tenant, complaint: contact.complaintId, on: connection)
            }
        }
    }

    public func contacts(of complaint: ComplaintID, tenant: TenantID) async throws -> [Contact] {
        try await read(tenant) { connection in
            try connection.fetchAll(
                Contact.self, SQL.select(Contact.self) + " WHERE tenant_id = \(tenant) AND complaint_id = \(complaint) ORDER BY occurred_at, id")
        }
    }

    public func events(of complaint: ComplaintID, tenant: TenantID) async throws -> [DomainEvent] {
        try await read(tenant) { connection in
            try connection.fetchAll(
                DomainEvent.self, SQL.select(DomainEvent.self) + " WHERE tenant_id = \(tenant) AND complaint_id = \(complaint) ORDER BY at, id")
        }
    }

    public func appendEvents(_ events: [DomainEvent], tenant: TenantID) async throws {
        try await write(tenant) { connection in try insert(events, on: connection) }
    }

    public func complaintsToCheck(at now: Date, limit: Int) async throws -> ClockCheckBatch {
        try await read(nil) { connection in
            var complaints: [Complaint] = []
            var unreadable: [(tenant: TenantID, id: ComplaintID)] = []
            for row in try connection.query(
                "SELECT * FROM complaints WHERE next_check_at <= \(now) AND restricted_at IS NULL ORDER BY next_check_at LIMIT \(limit)")
            {
                do {
                    complaints.append(try Complaint(row: row))
                } catch {
                    unreadable.append((TenantID(row.optionalString("tenant_id") ?? ""), ComplaintID(row.optionalString("id") ?? "")))
                }
            }
            return ClockCheckBatch(complaints: complaints, unreadable: unreadable)
        }
    }

    public func postponeClockCheck(of id: ComplaintID, tenant: TenantID, until: Date) async throws {
        try await write(tenant) { connection in
            _ = try connection.execute("UPDATE complaints SET next_check_at = \(until) WHERE tenant_id = \(tenant) AND id = \(id)")
        }
    }

    private static func update(_ complaint: Complaint, expectedVersion: Int, on connection: any SQLConnection) throws {
        let changed = try connection.execute(try .update(complaint, where: "version = \(expectedVersion)"))
        if changed == 0 {
            try Self.explainFailedUpdate(
                table: "complaints", what: "complaint", tenant: complaint.tenant, id: complaint.id.rawValue,
                expectedVersion: expectedVersion, on: connection)
        }
    }
}
