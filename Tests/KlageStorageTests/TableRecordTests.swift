import Foundation
import KlageKernel
import KlageTestSupport
import Testing

@testable import KlageStorage

/// A record's `Codable` conformance is its row: one list of columns feeds INSERT, UPDATE and reading
/// a row back; values are always bound, in the forms both engines have always stored.
@Suite struct TableRecordTests {
    let item = RecordSamples.learningItem

    @Test func insertListsEveryColumnOnceAndBindsEveryValue() throws {
        let (text, bindings) = SQLDialect.postgres.render(try .insert(item))
        #expect(
            text
                == "INSERT INTO learning_items (tenant_id, id, complaint_id, title, insight, department, tags, state, version, created_at, updated_at) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
        #expect(bindings == (try item.columns().map(\.value)))
        #expect(bindings[2] == .null && bindings[6] == .text(#"["handover"]"#) && bindings[9] == .integer(1_790_000_000_123))
    }

    @Test func updateSetsTheUpdatableColumnsAndMatchesTheKey() throws {
        let (text, bindings) = SQLDialect.sqlite.render(try .update(item, where: "version = \(1)"))
        #expect(
            text == "UPDATE learning_items SET title = ?, insight = ?, department = ?, tags = ?, state = ?, version = ?, updated_at = ? "
                + "WHERE tenant_id = ? AND id = ? AND version = ?")
        #expect(bindings.last == .integer(1))
        #expect(!text.contains("Late hand-over"), "values are bound, never spliced")
    }

    @Test func valuesAreStoredInTheFormsTheTablesHold() throws {
        let contact = Dictionary(uniqueKeysWithValues: try RecordSamples.contact.columns().map { ($0.name, $0.value) })
        #expect(
            contact == [
                "tenant_id": .text("kobenhavn"), "id": .text("k1"), "complaint_id": .text("c1"), "kind": .text("phone"),
                "reached": .integer(0), "occurred_at": .integer(1_790_000_000_123), "recorded_by": .text("caseworker-1"),
                "summary": .text("No answer"), "agreement": .null, "duration_minutes": .integer(5), "fields": .text("{}"),
                "created_at": .integer(1_790_003_600_123),
            ])
        let complaint = Dictionary(uniqueKeysWithValues: try RecordSamples.complaint.columns().map { ($0.name, $0.value) })
        #expect(complaint["channel"] == .text("digital_post"), "an enum by its raw value")
        #expect(complaint["fields"] == .text(#"{"note":"a/b","wantsWrittenAnswer":true}"#), "JSON with sorted keys, slashes as they are")
        #expect(complaint["citizen"] == .text(try RowJSON.text(RecordSamples.complaint.citizen)))
        #expect(complaint["next_due_at"] == .integer(1_790_003_600_123), "derived from the deadlines")
        #expect(complaint["remedy"] == .null && complaint["closed_at"] == .null, "a nil optional is NULL, not left out")
        let wholeTenant = try RecordSamples.baselines[0].columns()
        #expect(wholeTenant.first { $0.name == "department" } == ColumnValue(name: "department", role: .key, value: .text("")))
        #expect(wholeTenant.contains { $0.name == "period_from" && $0.role == .key })
    }

    @Test func everyRecordReadsBackWhatItWrites() {
        for sample in RecordSamples.all {
            #expect(sample.readsBack, "\(sample.table)")
            #expect(Set(sample.columns.map(\.name)).count == sample.columns.count, "\(sample.table) names a column twice")
        }
    }

    @Test func aColumnHoldingAnotherValueIsACorruptRowNamingIt() {
        let row = SQLRow(
            columns: ["tenant_id": 0, "id": 1, "name": 2, "plugins": 3, "settings": 4, "created_at": 5],
            values: [
                .text("t"), .text("t"), .text("T"), .text("not json"), .text("{}"), .integer(1),
            ])
        #expect {
            try Tenant(row: row)
        } throws: { error in
            (error as? StorageError)?.code == .corruptRow && "\(error)".contains("'plugins'")
        }
    }

    @Test func theAPIStillLeavesOutTheTenant() throws {
        let json = String(decoding: try JSONEncoder().encode(RecordSamples.event), as: UTF8.self)
        #expect(!json.contains("tenant") && !json.contains("complaintId") && json.contains(#""summary":"Called""#))
    }

    @Test(arguments: StorageBackend.available)
    func everyRecordNamesExactlyItsTablesColumns(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store in
            for sample in RecordSamples.all {
                let table = sample.table
                let stored = try await store.driver.read(tenant: nil) { connection in
                    let sql: SQL =
                        store.driver.dialect == .postgres
                        ? "SELECT column_name AS name FROM information_schema.columns WHERE table_name = \(table)"
                        : "SELECT name FROM pragma_table_info(\(table))"
                    return try connection.query(sql).map { try $0.string("name") }
                }
                #expect(Set(stored) == Set(sample.columns.map(\.name)), "\(table)")
            }
        }
    }
}
