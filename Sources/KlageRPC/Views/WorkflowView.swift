public import KlageKernel

/// A workflow as `workflow.list` shows it: states, actions, guards, deadlines, and the contact kinds
/// `contact.record` takes (every kind the kernel knows, whether oral or written), so a client offers them all.
public struct WorkflowView: Encodable, Sendable {
    struct StateView: Encodable, Sendable {
        let id: String
        let title: String
        let titles: LocalizedText
        let final: Bool
    }
    /// An outcome an action of the workflow may close with, and what it is called.
    struct OutcomeView: Encodable, Sendable {
        let id: String
        let titles: LocalizedText
    }
    struct GuardView: Encodable, Sendable {
        let name: String
        let requirement: String
    }
    struct ActionView: Encodable, Sendable {
        let id: String
        let title: String
        let titles: LocalizedText
        let from: [String]
        let to: String
        let roles: [String]
        let outcomes: [String]
        let guards: [GuardView]
        let fields: [FieldView]
    }
    struct DeadlineRuleView: Encodable, Sendable {
        let name: String
        let title: String
        let titles: LocalizedText
        let starts: String
        /// `24h` calendar hours, `10d` days, `8wh` working hours, `5wd` working days.
        let duration: String
        /// The tenant setting that overrides the duration.
        let setting: String?
        let metBy: String
    }
    struct ContactKindView: Encodable, Sendable {
        let kind: ContactKind
        /// A two-way conversation when it reached the citizen: meets a first-contact deadline.
        let oral: Bool
        /// A written contact: a written answer, or the written route to a citizen who cannot be reached.
        let written: Bool
    }
    struct FieldView: Encodable, Sendable {
        let name: String
        let required: Bool
        let summary: String?
        /// What a form calls it, in each language.
        let label: LocalizedText?
        /// What the field holds (``FieldKindView``), so a client can render an input for it.
        var kind: FieldKindView?
    }

    let id: String
    let version: Int
    /// The English title; `titles` has it in each language, as every title of the workflow.
    let title: String
    let titles: LocalizedText
    let tracks: [String]
    let initialState: String
    let states: [StateView]
    let actions: [ActionView]
    /// The workflow's deadlines, then those the kernel adds to its complaints: the statutory one of
    /// appeals (when it takes appeals) and the written confirmation after closing by agreement.
    let deadlines: [DeadlineRuleView]
    let complaintFields: [FieldView]
    let contactFields: [FieldView]
    let contactKinds: [ContactKindView]
    /// The outcomes its actions may close with.
    let outcomes: [OutcomeView]

    public init(_ definition: WorkflowDefinition) {
        id = definition.id.rawValue
        version = definition.version
        title = definition.title
        titles = definition.titles
        tracks = definition.tracks.map(\.rawValue).sorted()
        initialState = definition.initialState.rawValue
        states = definition.states.map { StateView(id: $0.id.rawValue, title: $0.title, titles: $0.titles, final: $0.isFinal) }
        actions = definition.actions.map { action in
            ActionView(
                id: action.id.rawValue, title: action.title, titles: action.titles, from: action.from.map(\.rawValue), to: action.to.rawValue,
                roles: action.roles.map(\.rawValue).sorted(), outcomes: action.outcomes.map(\.rawValue),
                guards: action.guards.map { GuardView(name: $0.name, requirement: $0.requirement) },
                fields: action.fields.map(FieldView.init))
        }
        complaintFields = definition.complaintFields.map(FieldView.init)
        contactFields = definition.contactFields.map(FieldView.init)
        contactKinds = ContactKind.allCases.map { ContactKindView(kind: $0, oral: $0.isOral, written: $0.isWritten) }
        let used = Set(definition.actions.flatMap(\.outcomes))
        outcomes = Outcome.allCases.filter(used.contains).map { OutcomeView(id: $0.rawValue, titles: $0.title) }
        let kernelRules = (definition.tracks.contains(.appeal) ? StatutoryDeadlines.all : []) + [AgreementConfirmation.rule]
        let rules = definition.deadlines + kernelRules.filter { kernel in !definition.deadlines.contains { $0.name == kernel.name } }
        deadlines = rules.map { rule in
            let starts =
                switch rule.start {
                case .onReceipt: "receipt"
                case .onEntering(let state): "entering:\(state)"
                }
            let metBy =
                switch rule.completion {
                case .oralContact: "oralContact"
                case .anyContact: "anyContact"
                case .writtenContact: "writtenContact"
                case .closing: "closing"
                case .entering(let states): "entering:" + states.map(\.rawValue).joined(separator: ",")
                }
            return DeadlineRuleView(
                name: rule.name, title: rule.title, titles: rule.titles, starts: starts, duration: rule.duration.description,
                setting: rule.setting, metBy: metBy)
        }
    }
}

extension WorkflowView: WireComponent {
    public static let componentName = "Workflow"
    public static let sample = WorkflowView(LearningWorkflow.definition)
}

extension WorkflowView.StateView: WireSample {
    static let sample = Self(id: "", title: "", titles: .same(""), final: false)
}

extension WorkflowView.GuardView: WireSample {
    static let sample = Self(name: "", requirement: "")
}

extension WorkflowView.ActionView: WireSample {
    static let sample = Self(id: "", title: "", titles: .same(""), from: [""], to: "", roles: [""], outcomes: [""], guards: [.sample], fields: [])
}

extension WorkflowView.DeadlineRuleView: WireSample {
    static let sample = Self(name: "", title: "", titles: .same(""), starts: "", duration: "", setting: nil, metBy: "")
}

extension WorkflowView.OutcomeView: WireSample {
    static let sample = Self(id: "", titles: .same(""))
}

extension WorkflowView.ContactKindView: WireSample {
    static let sample = Self(kind: .phone, oral: true, written: false)
}

extension WorkflowView.FieldView: WireDescribed {
    /// Any object: a field's kind nests fields of its own.
    static func describe(in book: SchemaBook) -> RPCSchema { .anyObject }
}

extension WorkflowView.FieldView {
    init(_ field: FieldSpec) {
        self.init(name: field.name, required: field.required, summary: field.summary, label: field.label, kind: FieldKindView(field.kind))
    }
}

/// A field's kind as `workflow.list` shows it: `{"type":"text","max":2000}`, `{"type":"bool"}`,
/// `{"type":"integer","min":0,"max":10}`, `{"type":"time"}`, `{"type":"choice","options":[…]}`,
/// `{"type":"list","max":20,"of":{…}}` or `{"type":"object","fields":[…]}`.
public final class FieldKindView: Encodable, Sendable {
    let type: String
    let max: Int?
    let min: Int?
    let options: [String]?
    let of: FieldKindView?
    let fields: [WorkflowView.FieldView]?

    init(_ kind: FieldSpec.Kind) {
        var max: Int?
        var min: Int?
        var options: [String]?
        var of: FieldKindView?
        var fields: [WorkflowView.FieldView]?
        switch kind {
        case .text(let limit):
            type = "text"
            max = limit
        case .bool: type = "bool"
        case .integer(let low, let high):
            type = "integer"
            min = low
            max = high
        case .number: type = "number"
        case .time: type = "time"
        case .choice(let choices):
            type = "choice"
            options = choices
        case .list(let element, let limit):
            type = "list"
            max = limit
            of = FieldKindView(element)
        case .object(let specs):
            type = "object"
            fields = specs.map(WorkflowView.FieldView.init)
        }
        self.max = max
        self.min = min
        self.options = options
        self.of = of
        self.fields = fields
    }
}
