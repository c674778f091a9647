public import Foundation

/// A condition an action needs, with a name that tells the caseworker what is missing.
///
/// Two kinds, told apart by what they read:
/// - a guard on the **complaint** (``oralContactRecorded``) reads its record and contacts; when it fails,
///   the action is not possible yet: a conflict.
/// - a guard on the **caller's input** (``noteGiven``) reads only what the action carries, so it applies to
///   every workflow the engine runs, learning items' included; when it fails, the caller left something out:
///   a validation error naming the ``field``.
///
/// ```swift
/// WorkflowGuard("agreementRecorded", "an agreement must be recorded") { input in
///     input.contacts.contains { $0.agreement != nil }
/// }
/// ```
public struct WorkflowGuard: Sendable {
    public let name: String
    /// What must be true, in words, returned in the error when it is not.
    public let requirement: String
    /// The input field an input guard is about; `nil` for a guard on the complaint.
    public let field: String?
    private let check: Check

    private enum Check: Sendable {
        case complaint(@Sendable (GuardInput) -> Bool)
        case request(@Sendable (ActionRequest) -> Bool)
    }

    /// A guard on the complaint: its record, its contacts, and what the action carries.
    public init(_ name: String, _ requirement: String, check: @escaping @Sendable (GuardInput) -> Bool) {
        self.name = name
        self.requirement = requirement
        self.field = nil
        self.check = .complaint(check)
    }

    /// A guard on the caller's input only, about `field`; it applies to complaints and learning items alike.
    public init(_ name: String, field: String, _ requirement: String, check: @escaping @Sendable (ActionRequest) -> Bool) {
        self.name = name
        self.requirement = requirement
        self.field = field
        self.check = .request(check)
    }

    /// Whether the guard holds for `input`.
    public func holds(for input: GuardInput) -> Bool {
        switch check {
        case .complaint(let check): check(input)
        case .request(let check): check(input.request)
        }
    }

    /// Whether the guard holds for a request on a record that is not a complaint; `nil` for a guard that
    /// needs a complaint (``WorkflowValidator`` keeps those out of the learning workflow).
    public func holds(for request: ActionRequest) -> Bool? {
        switch check {
        case .complaint: nil
        case .request(let check): check(request)
        }
    }

    /// The error for an action `action` that this guard refuses.
    func refusal(of action: ActionID) -> KlageError {
        if let field { return KlageError.validation(field: field, reason: "required for '\(action)': \(requirement)") }
        return KlageError.conflict("action '\(action)' needs \(name): \(requirement)")
    }

    /// An oral, two-way conversation (phone, meeting, video that reached the citizen) has been recorded.
    public static let oralContactRecorded = WorkflowGuard(
        "oralContactRecorded", "an oral conversation with the citizen (phone, meeting or video) must be recorded first"
    ) { input in input.contacts.contains(where: \.isTwoWayConversation) }

    /// The citizen was reached on the complaint's route: an oral conversation, or, once the written route is open
    /// (after the tenant's failed call attempts, or at the citizen's request), a letter, e-mail or Digital Post
    /// that reached them (``WrittenRoute``). Phone stays the default: without the written route a letter is not enough.
    public static let citizenReached = WorkflowGuard(
        "citizenReached",
        "an oral conversation with the citizen (phone, meeting or video) must be recorded first, or, on the written route "
            + "(after the failed call attempts, or when the citizen asked for written contact), a letter, e-mail or Digital Post"
    ) { input in input.contacts.contains { WrittenRoute.reachesCitizen($0, on: input.complaint) } }

    /// A contact that reached the citizen has been recorded on the complaint.
    public static let contactRecorded = WorkflowGuard("contactRecorded", "a contact with the citizen must be recorded first") { input in
        input.contacts.contains(where: \.reached)
    }

    /// The action carries a non-empty note.
    public static let noteGiven = WorkflowGuard("noteGiven", field: "note", "a note is required") { request in
        !(request.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}

/// What the caller asks of a workflow, whatever the record: who acts, when, and what the action carries.
public struct ActionRequest: Sendable {
    public let actor: Principal
    public let now: Date
    public let note: String?
    public let fields: [String: JSONValue]
    public let outcome: Outcome?

    public init(actor: Principal, now: Date, note: String?, fields: [String: JSONValue] = [:], outcome: Outcome? = nil) {
        self.actor = actor
        self.now = now
        self.note = note
        self.fields = fields
        self.outcome = outcome
    }
}

/// What a guard on a complaint sees: the complaint, its contacts, and the caller's ``ActionRequest``.
public struct GuardInput: Sendable {
    public let complaint: Complaint
    public let contacts: [Contact]
    public let request: ActionRequest
    public var actor: Principal { request.actor }
    public var now: Date { request.now }
    public var note: String? { request.note }
    public var fields: [String: JSONValue] { request.fields }
    public var outcome: Outcome? { request.outcome }

    public init(complaint: Complaint, contacts: [Contact], actor: Principal, now: Date, note: String?, fields: [String: JSONValue], outcome: Outcome?)
    {
        self.complaint = complaint
        self.contacts = contacts
        self.request = ActionRequest(actor: actor, now: now, note: note, fields: fields, outcome: outcome)
    }
}
