/// The id of a workflow, namespaced by its plug-in, e.g. `borgerkontakt.dialogue`.
public typealias WorkflowID = Identifier<WorkflowDefinition>
/// The id of a state within a workflow, e.g. `received`.
public typealias StateID = Identifier<WorkflowState>
/// The id of an action within a workflow, e.g. `close`.
public typealias ActionID = Identifier<WorkflowAction>

/// A workflow as declarative data: states, the actions between them, who may take them, their
/// guards, and the deadlines that run while a complaint is in it.
///
/// ```
///   received ──call──▶ contacted ──close(withdrawn|resolved)──▶ closed
///       │                  └──continueFormally──▶ formal ──decide──▶ closed
///       └── first contact due 24 h after receipt, met by an oral contact
/// ```
///
/// Definitions carry a version; a complaint keeps the version it started under.
/// ``PluginRegistryBuilder/build()`` rejects unknown, unreachable and dead-end states.
public struct WorkflowDefinition: Sendable {
    public let id: WorkflowID
    public let version: Int
    /// The title in each language.
    public let titles: LocalizedText
    /// The English title, as integrations have always read it.
    public var title: String { titles.en }
    /// The tracks this workflow accepts; a complaint of another track is refused at create.
    public let tracks: Set<ComplaintTrack>
    public let initialState: StateID
    public let states: [WorkflowState]
    public let actions: [WorkflowAction]
    public let deadlines: [DeadlineRule]
    /// Fields this workflow adds to its complaints (validated at create).
    public let complaintFields: [FieldSpec]
    /// Fields this workflow adds to contacts on its complaints (validated at record).
    public let contactFields: [FieldSpec]
    /// Where a complaint closed by agreement goes back to when reopened; the initial state by default.
    public let reopenState: StateID
    /// Where a typed field's kind does not fit its Swift type, on the workflow or its actions.
    let fieldTypeProblems: [String]

    public init(
        id: WorkflowID, version: Int = 1, title: LocalizedText, tracks: Set<ComplaintTrack> = Set(ComplaintTrack.allCases),
        initialState: StateID, states: [WorkflowState], actions: [WorkflowAction], deadlines: [DeadlineRule] = [],
        complaintFields: [any FieldDeclaration] = [], contactFields: [any FieldDeclaration] = [], reopenState: StateID? = nil
    ) {
        self.complaintFields = complaintFields.map(\.spec)
        self.contactFields = contactFields.map(\.spec)
        fieldTypeProblems = (complaintFields + contactFields).compactMap(\.typeProblem) + actions.flatMap(\.fieldTypeProblems)
        self.reopenState = reopenState ?? initialState
        self.id = id
        self.version = version
        self.titles = title
        self.tracks = tracks
        self.initialState = initialState
        self.states = states
        self.actions = actions
        self.deadlines = deadlines
    }

    /// The state with this id, if the workflow has it.
    public func state(_ id: StateID) -> WorkflowState? {
        states.first { $0.id == id }
    }

    /// The action with this id, if the workflow has it.
    public func action(_ id: ActionID) -> WorkflowAction? {
        actions.first { $0.id == id }
    }

    /// The actions that may be taken from `state`.
    public func actions(from state: StateID) -> [WorkflowAction] {
        actions.filter { $0.from.contains(state) }
    }

    /// The rule of a deadline on a complaint of this workflow: the workflow's own, the law's
    /// (``StatutoryDeadlines``), or the tenant's confirmation after closing by agreement (``AgreementConfirmation``).
    public func deadlineRule(named name: String) -> DeadlineRule? {
        deadlines.first { $0.name == name } ?? StatutoryDeadlines.all.first { $0.name == name }
            ?? (AgreementConfirmation.rule.name == name ? AgreementConfirmation.rule : nil)
    }
}

/// One state of a workflow.
public struct WorkflowState: Sendable, Hashable {
    public let id: StateID
    /// The title in each language.
    public let titles: LocalizedText
    /// The English title.
    public var title: String { titles.en }
    /// A final state closes the complaint; it needs no way out.
    public let isFinal: Bool

    public init(_ id: StateID, title: LocalizedText, isFinal: Bool = false) {
        self.id = id
        self.titles = title
        self.isFinal = isFinal
    }
}

/// One action of a workflow: from which states to which, by whom, under which guards.
public struct WorkflowAction: Sendable {
    public let id: ActionID
    /// The title in each language.
    public let titles: LocalizedText
    /// The English title.
    public var title: String { titles.en }
    public let from: [StateID]
    public let to: StateID
    /// The roles that may take it (admins and leaders may also take what the roles below them may).
    public let roles: Set<Role>
    /// Conditions that must hold; each failing guard names itself in the error.
    public let guards: [WorkflowGuard]
    /// The outcomes this action may close with; non-empty means an outcome is required.
    public let outcomes: [Outcome]
    /// The fields the action takes (validated, then merged into the complaint's fields).
    public let fields: [FieldSpec]
    /// Where a typed field's kind does not fit its Swift type (``FieldDeclaration/typeProblem``).
    let fieldTypeProblems: [String]

    public init(
        _ id: ActionID, title: LocalizedText, from: [StateID], to: StateID, roles: Set<Role> = [.caseworker],
        guards: [WorkflowGuard] = [], outcomes: [Outcome] = [], fields: [any FieldDeclaration] = []
    ) {
        self.fields = fields.map(\.spec)
        fieldTypeProblems = fields.compactMap(\.typeProblem)
        self.id = id
        self.titles = title
        self.from = from
        self.to = to
        self.roles = roles
        self.guards = guards
        self.outcomes = outcomes
    }
}
