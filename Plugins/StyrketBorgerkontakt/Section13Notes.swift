import Foundation
import KlagePluginAPI

/// The §13 notes of a complaint as documents to print and file in the case system: each conversation
/// recorded with a completed triangle is the contact's note under §13 of the Access to Public
/// Administration Files Act (notatpligt): when, who took part, what was heard and what was agreed.
enum Section13Notes {
    static let complaintId = Field<ComplaintID>("complaintId", .text(max: 64))

    /// One note, as `borgerkontakt.note.list` lists it.
    struct Note: Encodable, Sendable {
        let contactId: ContactID
        let occurredAt: Date
        /// Who held the conversation: an actor's id, shown by name.
        let recordedBy: String
        /// The citizen's name (a read of personal data, logged).
        let citizen: String
        let purposeStated: Bool
        let interests: String?
        let summary: String?
        let options: [String]
        /// Who does what, by when.
        let tasks: [Triangle.Point]
        let furtherQuestions: Bool?
        let thanked: Bool
        /// The caseworker's summary of the contact.
        let contactSummary: String

        init?(_ contact: Contact, citizen: String) {
            guard Triangle.isComplete(contact.fields), let agreement = (try? contact.fields[Triangle.agreement]) ?? nil else { return nil }
            let introduction = contact.fields[Triangle.introduction.name]
            let listening = contact.fields[Triangle.listening.name]
            contactId = contact.id
            occurredAt = contact.occurredAt
            recordedBy = contact.recordedBy
            self.citizen = citizen
            purposeStated = introduction?["purposeStated"]?.boolValue ?? false
            interests = listening?["interests"]?.stringValue
            summary = listening?["summary"]?.stringValue
            options = listening?["options"]?.arrayValue?.compactMap(\.stringValue) ?? []
            tasks = agreement.tasks
            furtherQuestions = agreement.furtherQuestions
            thanked = agreement.thanked
            contactSummary = contact.summary
        }
    }

    /// `borgerkontakt.note.list`: the complaint's §13 notes, oldest first.
    static let list = PluginOperation(
        "borgerkontakt.note.list",
        summary: "The complaint's notes under §13 (each conversation recorded with a completed triangle), oldest first, to print and file.",
        roles: [.caseworker], params: [complaintId]
    ) { input, context in
        let id = try input[complaintId]
        let complaint = try await context.complaints.get(id)
        let contacts = try await context.complaints.contacts(of: id)
        return ItemList(contacts.compactMap { Note($0, citizen: complaint.citizen.name) })
    }

    /// The notes on the console's page of a complaint, each a document of its own.
    static let panel = ComplaintPanel(
        "borgerkontakt.notes", title: LocalizedText(da: "Notater efter § 13", en: "Notes under § 13"),
        empty: LocalizedText(da: "Ingen samtale med udfyldt trekant endnu.", en: "No conversation with a completed triangle yet."),
        lists: list, complaintId: complaintId,
        columns: [
            PanelColumn("occurredAt", LocalizedText(da: "Samtalen", en: "Conversation"), format: .time),
            PanelColumn("recordedBy", LocalizedText(da: "Holdt af", en: "Held by"), format: .person),
            PanelColumn("tasks", LocalizedText(da: "Aftalte opgaver", en: "Agreed tasks"), format: .count),
        ],
        document: ComplaintDocument(
            title: LocalizedText(da: "Notat efter § 13 i offentlighedsloven", en: "Note under § 13 of the Access to Public Administration Files Act"),
            key: "contactId",
            sections: [
                .init("occurredAt", LocalizedText(da: "Dato og tid for samtalen", en: "Date and time of the conversation"), format: .time),
                .init("recordedBy", LocalizedText(da: "Sagsbehandler", en: "Caseworker"), format: .person),
                .init("citizen", LocalizedText(da: "Borger", en: "Citizen")),
                .init("purposeStated", LocalizedText(da: "Formålet med samtalen er forklaret", en: "The purpose was stated"), format: .yesNo),
                .init("interests", LocalizedText(da: "Borgerens interesser og perspektiv", en: "The citizen's interests and perspective")),
                .init("summary", LocalizedText(da: "Opsummering givet tilbage til borgeren", en: "Summary given back to the citizen")),
                .init("options", LocalizedText(da: "Mulige løsninger", en: "Possible outcomes"), format: .list),
                .init(
                    "tasks", LocalizedText(da: "Det aftalte: hvem gør hvad, hvornår", en: "What was agreed: who does what, by when"), format: .table,
                    columns: [
                        PanelColumn("who", LocalizedText(da: "Hvem", en: "Who")),
                        PanelColumn("what", LocalizedText(da: "Hvad", en: "What")),
                        PanelColumn("due", LocalizedText(da: "Frist", en: "By when"), format: .time),
                        PanelColumn("byCitizen", LocalizedText(da: "Borgerens egen opgave", en: "The citizen's own task"), format: .yesNo),
                    ]),
                .init("furtherQuestions", LocalizedText(da: "Spurgt om flere spørgsmål", en: "Asked for further questions"), format: .yesNo),
                .init("thanked", LocalizedText(da: "Takket for sin tid", en: "Thanked for their time"), format: .yesNo),
                .init("contactSummary", LocalizedText(da: "Resumé af samtalen", en: "Summary of the conversation")),
            ]))
}
