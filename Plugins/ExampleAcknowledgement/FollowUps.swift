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

    /// What was promised the citizen in a contact, if anything.
    static let promise = Field<Promise?>(
        "promise",
        .object([
            FieldSpec("what", .text(max: 500), required: true, label: LocalizedText(da: "Hvad", en: "What")),
            FieldSpec("due", .time, required: true, label: LocalizedText(da: "Frist", en: "By when")),
        ]),
        "what was promised the citizen, by when", label: LocalizedText(da: "Lovet borgeren", en: "Promised the citizen"))

    /// Each promise recorded with a contact becomes a follow-up, once however often the hook runs.
    @Sendable static func contactRecorded(_ recorded: ContactRecorded, _ context: PluginContext) async throws {
        guard let promise = try recorded.contact.fields[promise] else { return }
        try await context.records.create(FollowUp(complaintId: recorded.contact.complaintId, what: promise.what, state: .open, dueAt: promise.due))
    }

    /// The complaint whose follow-ups are listed.
    static let complaintId = Field<ComplaintID>("complaintId", .text(max: 64))
    /// The follow-up marked done.
    static let id = Field<Identifier<FollowUp>>("id", .text(max: 64))

    /// `example.followUp.list`: a complaint's follow-ups, for its page in the console.
    static let list = PluginOperation(
        "example.followUp.list", summary: "The follow-ups promised on a complaint.", roles: [.caseworker], params: [complaintId]
    ) { input, context in
        ItemList(try await context.records.list(FollowUp.self, ref: try input[complaintId].rawValue))
    }

    /// `example.followUp.done`: a follow-up kept.
    static let done = PluginOperation("example.followUp.done", summary: "Marks a follow-up done.", roles: [.caseworker], params: [id]) {
        input, context in
        var followUp = try await context.records.require(try input[id], what: "follow-up")  // StoredRecord<FollowUp>
        followUp.state = .done  // the record's properties, typed
        return try await context.records.update(followUp)  // optimistic: a concurrent change is a conflict
    }

    /// The complaint's follow-ups on its page in the console.
    static let panel = ComplaintPanel(
        "example.followUps", title: LocalizedText(da: "Opfølgninger", en: "Follow-ups"),
        empty: LocalizedText(da: "Ingen lovede opfølgninger.", en: "No follow-ups promised."), lists: list, complaintId: complaintId,
        columns: [PanelColumn("what", LocalizedText(da: "Hvad", en: "What")), .dueAt, .state])

    /// The attention kind of an open follow-up past its due time.
    static let overdueKind: AttentionKind = "example.followUpOverdue"

    /// Open follow-ups past due, for `attention.list`, titled without the citizen's words.
    @Sendable static func overdue(_ query: AttentionQuery, _ context: PluginContext) async throws -> [AttentionItem] {
        try await context.records.list(FollowUp.self, state: .open, dueBefore: context.now, limit: query.limit).map { followUp in
            AttentionItem(
                kind: overdueKind, dueAt: followUp.dueAt,
                title: LocalizedText(da: "Opfølgning lovet borgeren", en: "Follow-up promised to the citizen"), complaintId: followUp.complaintId,
                record: AttentionRecordRef(plugin: context.plugin, record: followUp))
        }
    }
}
