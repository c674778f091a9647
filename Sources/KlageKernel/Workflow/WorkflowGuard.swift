public import Foundation

/// A condition an action needs, with a name that tells the caseworker what is missing.
///
/// Most guards are data (``oralContactRecorded``); a plug-in can write its own closure when data is not enough.
///
/// ```swift
/// WorkflowGuard("agreementRecorded", "an agreement must be recorded") { input in
///     input.contacts.contains { $0.agreement != nil }
/// }
/// ```
public struct WorkflowGuard: Sendable {
    public let name: String
    /// What must be true, in words, returned in the conflict error when it is not.
    public let requirement: String
    private let check: @Sendable (GuardInput) -> Bool

    public init(_ name: String, _ requirement: String, check: @escaping @Sendable (GuardInput) -> Bool) {
        self.name = name
        self.requirement = requirement
        self.check = check
    }

    /// Whether the guard holds for `input`.
    public func holds(for input: GuardInput) -> Bool { check(input) }

    /// An oral, two-way conversation (phone, meeting, video that reached the citizen) has been recorded.
    public static let oralContactRecorded = WorkflowGuard(
        "oralContactRecorded", "an oral conversation with the citizen (phone, meeting or video) must be recorded first"
    ) { input in input.contacts.contains(where: \.isTwoWayConversation) }

    /// A contact that reached the citizen has been recorded on the complaint.
    public static let contactRecorded = WorkflowGuard("contactRecorded", "a contact with the citizen must be recorded first") { input in
        input.contacts.contains(where: \.reached)
    }

    /// The action carries a non-empty note.
    public static let noteGiven = WorkflowGuard("noteGiven", "a note is required") { input in
        !(input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}

/// What a guard sees: the complaint, its contacts, who acts, when, and what the action carries.
public struct GuardInput: Sendable {
    public let complaint: Complaint
    public let contacts: [Contact]
    public let actor: Principal
    public let now: Date
    public let note: String?
    public let fields: [String: JSONValue]
    public let outcome: Outcome?

    public init(complaint: Complaint, contacts: [Contact], actor: Principal, now: Date, note: String?, fields: [String: JSONValue], outcome: Outcome?)
    {
        self.complaint = complaint
        self.contacts = contacts
        self.actor = actor
        self.now = now
        self.note = note
        self.fields = fields
        self.outcome = outcome
    }
}
