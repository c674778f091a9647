public import Foundation
public import KlagePluginAPI

/// The conversation triangle: the three sides of a call, recorded as validated contact fields.
///
/// ```
///            1 introduction
///           (purpose, acceptance)
///              /          \
///   3 agreement ────────── 2 listening
///   (who does what by when,   (interests, summary,
///    questions, thanks)        possible outcomes)
/// ```
/// A contact with all three sides, in which the citizen accepted to talk, is a completed triangle: it
/// is the contact's note under the Access to Public Administration Files Act §13 (notatpligt). A
/// conversation the citizen declined (`acceptance: false`) is no such note, whatever else it records.
public enum Triangle {
    /// Side 3: the agreement, as the hook reads it.
    public struct Agreement: Codable, Sendable {
        /// Who does what, by when.
        public let tasks: [Point]
        /// Whether the citizen was asked for further questions.
        public let furtherQuestions: Bool?
        /// Whether the citizen was thanked for their time.
        public let thanked: Bool
    }

    /// One point of an agreement.
    public struct Point: Codable, Sendable {
        /// Who does it (written with the citizen; may hold personal data).
        public let who: String
        /// What is done (written with the citizen; may hold personal data).
        public let what: String
        /// By when.
        public let due: Date
        /// Whether the citizen does it ("calls if the letter has not arrived"): the citizen's own task is
        /// never shown as staff overdue.
        public let byCitizen: Bool?
    }

    /// Side 1: introduction and acceptance.
    public static let introduction = Field<JSONValue?>(
        "introduction",
        .object([
            FieldSpec(
                "purposeStated", .bool, required: true, "the purpose of the call was stated",
                label: LocalizedText(da: "Formålet med samtalen er forklaret", en: "The purpose of the call was stated")),
            FieldSpec(
                "acceptance", .bool, required: true, "the citizen accepted to talk",
                label: LocalizedText(da: "Borgeren har accepteret at tale", en: "The citizen accepted to talk")),
            FieldSpec("note", .text(max: 2_000), label: LocalizedText(da: "Notat", en: "Note")),
        ]), "side 1: introduction and acceptance",
        label: LocalizedText(da: "Side 1: Introduktion og accept", en: "Side 1: Introduction and acceptance"))

    /// Side 2: listen, summarise, ask.
    public static let listening = Field<JSONValue?>(
        "listening",
        .object([
            FieldSpec(
                "interests", .text(max: 4_000), required: true, "the citizen's interests and perspective",
                label: LocalizedText(da: "Borgerens interesser og perspektiv", en: "The citizen's interests and perspective")),
            FieldSpec(
                "summary", .text(max: 4_000), required: true, "the summary given back to the citizen",
                label: LocalizedText(da: "Opsummering givet tilbage til borgeren", en: "The summary given back to the citizen")),
            FieldSpec(
                "options", .list(.text(max: 500), max: 20), "possible outcomes considered together",
                label: LocalizedText(da: "Mulige løsninger (én pr. linje)", en: "Possible outcomes (one per line)")),
        ]), "side 2: listen, summarise, ask",
        label: LocalizedText(da: "Side 2: Lyt, opsummér, spørg", en: "Side 2: Listen, summarise, ask"))

    /// Side 3: agreement and thanks.
    public static let agreement = Field<Agreement?>(
        "agreement",
        .object([
            FieldSpec(
                "tasks",
                .list(
                    .object([
                        FieldSpec("who", .text(max: 200), required: true, label: LocalizedText(da: "Hvem", en: "Who")),
                        FieldSpec("what", .text(max: 1_000), required: true, label: LocalizedText(da: "Hvad", en: "What")),
                        FieldSpec("due", .time, required: true, label: LocalizedText(da: "Frist", en: "By when")),
                        FieldSpec(
                            "byCitizen", .bool, "the citizen does it, e.g. calls if the letter has not arrived; never staff overdue",
                            label: LocalizedText(da: "Borgeren gør det selv", en: "The citizen does it")),
                    ]), max: 20), required: true, "who does what, by when",
                label: LocalizedText(da: "Hvem gør hvad, hvornår", en: "Who does what, by when")),
            FieldSpec(
                "furtherQuestions", .bool, "the citizen was asked for further questions",
                label: LocalizedText(da: "Borgeren er spurgt om flere spørgsmål", en: "The citizen was asked for further questions")),
            FieldSpec(
                "thanked", .bool, required: true, "the citizen was thanked for their time",
                label: LocalizedText(da: "Borgeren er takket for sin tid", en: "The citizen was thanked for their time")),
        ]), "side 3: agreement and thanks",
        label: LocalizedText(da: "Side 3: Aftale og tak", en: "Side 3: Agreement and thanks"))

    /// The contact fields, one object per side.
    public static let fields: [any FieldDeclaration] = [introduction, listening, agreement]

    /// Whether a contact's fields hold all three sides of a conversation the citizen accepted.
    public static func isComplete(_ fields: [String: JSONValue]) -> Bool {
        self.fields.allSatisfy { fields[$0.spec.name] != nil } && !wasDeclined(fields)
    }

    /// Whether the citizen declined to talk (`introduction.acceptance: false`).
    public static func wasDeclined(_ fields: [String: JSONValue]) -> Bool {
        fields[introduction.name]?["acceptance"] == .bool(false)
    }
}
