public import Foundation
public import KlageKernel
import KlageReports

/// The personal-data lifecycle in SQL both engines share: a citizen's complaints, a complaint's
/// dossier, anonymising and restricting, and pruning the access log.
extension SQLKlageStore: PrivacyStore {
    /// Narrows the tenant's complaints by a `LIKE` on the stored citizen, then decides in Swift: personal
    /// data is kept in no index of its own, so a data subject's request reads the tenant's citizens once.
    public func complaints(of citizen: CitizenMatch, tenant: TenantID) async throws -> [Complaint] {
        let pattern = "%" + citizen.containsPattern + "%"
        return try await read(tenant) { connection in
            try connection.fetchAll(
                Complaint.self,
                SQL.select(Complaint.self) + " WHERE tenant_id = \(tenant) AND LOWER(citizen) LIKE \(pattern) ORDER BY received_at, id"
            ).filter { citizen.matches($0.citizen) }
        }
    }

    public func dossier(of complaint: Complaint) async throws -> ComplaintDossier {
        let (tenant, id) = (complaint.tenant, complaint.id)
        return try await read(tenant) { connection in
            ComplaintDossier(
                complaint: complaint,
                contacts: try connection.fetchAll(
                    Contact.self, SQL.select(Contact.self) + " WHERE tenant_id = \(tenant) AND complaint_id = \(id) ORDER BY occurred_at, id"),
                events: try connection.fetchAll(
                    DomainEvent.self, SQL.select(DomainEvent.self) + " WHERE tenant_id = \(tenant) AND complaint_id = \(id) ORDER BY at, id"),
                efforts: try connection.fetchAll(
                    EffortEntry.self, SQL.select(EffortEntry.self) + " WHERE tenant_id = \(tenant) AND complaint_id = \(id) ORDER BY at, id"),
                survey: try connection.fetchOne(Survey.self, SQL.select(Survey.self) + " WHERE tenant_id = \(tenant) AND complaint_id = \(id)"),
                pluginRecords: try connection.query(
                    "SELECT * FROM plugin_records WHERE tenant_id = \(tenant) AND ref = \(id.rawValue) ORDER BY plugin, kind, id"
                ).map { row in (PluginID(try row.string("plugin")), try Self.pluginRecord(from: row)) },
                reads: try Self.accessLog(of: id, tenant: tenant, on: connection))
        }
    }

    public func complaintsToAnonymise(tenant: TenantID, closedBefore cutoff: Date, limit: Int) async throws -> [ComplaintID] {
        try await read(tenant) { connection in
            try connection.query(
                """
                SELECT id FROM complaints WHERE tenant_id = \(tenant) AND anonymised_at IS NULL AND closed_at < \(cutoff)
                ORDER BY closed_at LIMIT \(limit)
                """
            ).map { ComplaintID(try $0.string("id")) }
        }
    }

    public func anonymiseComplaint(_ id: ComplaintID, tenant: TenantID, at now: Date, event: DomainEvent) async throws -> Bool {
        try await write(tenant) { connection in
            guard let row = try connection.queryFirst("SELECT * FROM complaints WHERE tenant_id = \(tenant) AND id = \(id)") else { return false }
            let complaint = try Complaint(row: row)
            guard complaint.anonymisedAt == nil else { return false }
            guard try connection.execute(try .update(complaint.anonymised(at: now), where: "version = \(complaint.version)")) == 1 else {
                return false
            }
            try Self.scrubContacts(of: id, tenant: tenant, on: connection)
            try Self.scrubEvents(of: id, tenant: tenant, on: connection)
            try Self.scrubPluginRecords(of: id, tenant: tenant, at: now, on: connection)
            let marker = PersonalDataScrubber.marker
            try connection.execute(
                "UPDATE efforts SET activity = \(marker) WHERE tenant_id = \(tenant) AND complaint_id = \(id) AND activity IS NOT NULL")
            try connection.execute(
                "UPDATE surveys SET comment = \(marker) WHERE tenant_id = \(tenant) AND complaint_id = \(id) AND comment IS NOT NULL")
            try self.insert([event], on: connection)
            try Self.markReportDay(tenant: tenant, receivedAt: complaint.receivedAt, on: connection)
            return true
        }
    }

    public func restrictComplaint(_ id: ComplaintID, tenant: TenantID, at now: Date, event: DomainEvent) async throws -> Bool {
        try await write(tenant) { connection in
            let changed = try connection.execute(
                """
                UPDATE complaints SET restricted_at = \(now), next_check_at = NULL, next_due_at = NULL, version = version + 1,
                    updated_at = \(now)
                WHERE tenant_id = \(tenant) AND id = \(id) AND restricted_at IS NULL
                """)
            guard changed == 1 else { return false }
            try self.insert([event], on: connection)
            return true
        }
    }

    public func deleteAccessRecords(tenant: TenantID, before cutoff: Date) async throws -> Int {
        try await write(tenant) { connection in
            let reads = try connection.queryFirst(
                "SELECT COALESCE(SUM(reads), 0) AS n FROM access_reads WHERE tenant_id = \(tenant) AND at < \(cutoff)")
            try connection.execute("DELETE FROM access_reads WHERE tenant_id = \(tenant) AND at < \(cutoff)")
            return Int(reads?["n"].integer ?? 0)
        }
    }

    /// Contacts keep their kind, times, whether they reached the citizen and their duration.
    static func scrubContacts(of id: ComplaintID, tenant: TenantID, on connection: any SQLConnection) throws {
        let marker = PersonalDataScrubber.marker
        for contact in try connection.fetchAll(
            Contact.self, SQL.select(Contact.self) + " WHERE tenant_id = \(tenant) AND complaint_id = \(id)")
        {
            let fields = try RowJSON.text(PersonalDataScrubber.scrub(contact.fields))
            let agreement = contact.agreement.map { _ in marker }
            try connection.execute(
                """
                UPDATE contacts SET summary = \(marker), agreement = \(agreement), fields = \(fields)
                WHERE tenant_id = \(tenant) AND id = \(contact.id)
                """)
        }
    }

    /// Events keep their type, time, actor and summary (never personal data); their data loses free text.
    static func scrubEvents(of id: ComplaintID, tenant: TenantID, on connection: any SQLConnection) throws {
        for event in try connection.fetchAll(
            DomainEvent.self, SQL.select(DomainEvent.self) + " WHERE tenant_id = \(tenant) AND complaint_id = \(id)")
        {
            let data = PersonalDataScrubber.scrub(event.data)
            guard data != event.data else { continue }
            try connection.execute("UPDATE events SET data = \(try RowJSON.text(data)) WHERE tenant_id = \(tenant) AND id = \(event.id)")
        }
    }

    /// Plug-in records that refer to the complaint keep their shape, ids, states and times.
    static func scrubPluginRecords(of id: ComplaintID, tenant: TenantID, at now: Date, on connection: any SQLConnection) throws {
        for row in try connection.query("SELECT * FROM plugin_records WHERE tenant_id = \(tenant) AND ref = \(id.rawValue)") {
            let record = try pluginRecord(from: row)
            let body = try RowJSON.text(PersonalDataScrubber.scrub(record.body))
            try connection.execute(
                """
                UPDATE plugin_records SET body = \(body), version = version + 1, updated_at = \(now)
                WHERE tenant_id = \(tenant) AND plugin = \(try row.string("plugin")) AND kind = \(record.kind) AND id = \(record.id)
                """)
        }
    }
}
