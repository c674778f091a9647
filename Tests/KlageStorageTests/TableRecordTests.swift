import Foundation
import KlageKernel
import Testing

@testable import KlageStorage

/// One column list per record feeds INSERT and UPDATE; values are always bound, on either engine.
@Suite struct TableRecordTests {
    let item = LearningItem(
        id: "l1", tenant: "kobenhavn", complaintId: nil, title: "Late hand-over", insight: "Plans arrive late.",
        department: "Træning", tags: ["handover"], state: "proposed", version: 2,
        createdAt: Date(timeIntervalSince1970: 1), updatedAt: Date(timeIntervalSince1970: 2)
    )

    @Test func insertListsEveryColumnOnceAndBindsEveryValue() throws {
        let (text, bindings) = SQLDialect.postgres.render(try .insert(item))
        #expect(
            text
                == "INSERT INTO learning_items (tenant_id, id, complaint_id, title, insight, department, tags, state, version, created_at, updated_at) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
        #expect(bindings == (try item.values()))
        #expect(bindings.count == LearningItem.columns.count)
        #expect(bindings[2] == .null && bindings[6] == .text(#"["handover"]"#) && bindings[9] == .integer(1000))
    }

    @Test func updateSetsTheUpdatableColumnsAndMatchesTheKey() throws {
        let (text, bindings) = SQLDialect.sqlite.render(try .update(item, where: "version = \(1)"))
        #expect(
            text == "UPDATE learning_items SET title = ?, insight = ?, department = ?, tags = ?, state = ?, version = ?, updated_at = ? "
                + "WHERE tenant_id = ? AND id = ? AND version = ?")
        #expect(bindings.last == .integer(1))
        #expect(!text.contains("Late hand-over"), "values are bound, never spliced")
    }

    @Test func everyRecordNamesEachColumnOnce() {
        let lists: [[String]] = [
            Complaint.columns.map(\.name), Contact.columns.map(\.name), LearningItem.columns.map(\.name), DomainEvent.columns.map(\.name),
            Tenant.columns.map(\.name), APIKey.columns.map(\.name), Survey.columns.map(\.name),
        ]
        for names in lists { #expect(Set(names).count == names.count) }
    }
}
