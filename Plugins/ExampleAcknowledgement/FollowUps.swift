import Foundation
import KlagePluginAPI

/// The follow-ups promised to citizens: recorded with a contact, kept as records, listed on the
/// complaint's page, and shown to leaders once overdue.
enum FollowUps {
    /// What a contact's `promise` field holds.
    struct Promise: Decodable, Sendable {
        let what: String
        let due: Date
    }

    static let promise = Field<Promise?>(
        "promise", .object([FieldSpec("what", .text(max: 500), required: true), FieldSpec("due", .time, required: true)]),
        "what was promised the citizen, by when")

    /// Each promise recorded with a contact becomes a follow-up, once however often the hook runs.
    @Sendable static func contactRecorded(_ recorded: ContactRecorded, _ context: PluginContext) async throws {
        guard let promise = try recorded.contact.fields[promise] else { return }
        try await context.records.create(FollowUp(complaintId: recorded.contact.complaintId, what: promise.what, state: .open, dueAt: promise.due))
    }

    static let complaintId = Field<ComplaintID>("complaintId", .text(max: 64))
    static let id = Field<Identifier<FollowUp>>("id", .text(max: 64))

    static let list = PluginOperation(
        "example.followUp.list", summary: "The follow-ups promised on a complaint.", roles: [.caseworker], params: [complaintId]
    ) { input, context in
        ItemList(try await context.records.list(FollowUp.self, ref: try input[complaintId].rawValue))
    }

    static let done = PluginOperation("example.followUp.done", summary: "Marks a follow-up done.", roles: [.caseworker], params: [id]) {
        input, context in
        var followUp = try await context.records.require(try input[id], what: "follow-up")  // StoredRecord<FollowUp>
        followUp.state = .done  // the record's properties, typed
        return try await context.records.update(followUp)  // optimistic: a concurrent change is a conflict
    }

    static let panel = ComplaintPanel(
        "example.followUps", title: LocalizedText(da: "Opfølgninger", en: "Follow-ups"),
        empty: LocalizedText(da: "Ingen lovede opfølgninger.", en: "No follow-ups promised."), lists: list, complaintId: complaintId,
        columns: [
            PanelColumn("what", LocalizedText(da: "Hvad", en: "What")),
            PanelColumn("dueAt", LocalizedText(da: "Frist", en: "Due"), format: .time),
            PanelColumn("state", LocalizedText(da: "Tilstand", en: "State")),
        ])

    static let overdueKind: AttentionKind = "example.followUpOverdue"

    @Sendable static func overdue(_ query: AttentionQuery, _ context: PluginContext) async throws -> [AttentionItem] {
        try await context.records.list(FollowUp.self, state: .open, dueBefore: context.now, limit: query.limit).map { followUp in
            AttentionItem(
                kind: overdueKind, dueAt: followUp.dueAt, title: "Follow-up promised to the citizen", complaintId: followUp.complaintId,
                record: AttentionRecordRef(plugin: context.plugin, record: followUp))
        }
    }
}
