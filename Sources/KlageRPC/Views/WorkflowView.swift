import KlageKernel

/// A workflow as `workflow.list` shows it: states, actions, guards and deadlines.
public struct WorkflowView: Encodable, Sendable {
    struct StateView: Encodable, Sendable { let id: String; let title: String; let final: Bool }
    struct GuardView: Encodable, Sendable { let name: String; let requirement: String }
    struct ActionView: Encodable, Sendable {
        let id: String
        let title: String
        let from: [String]
        let to: String
        let roles: [String]
        let outcomes: [String]
        let guards: [GuardView]
    }
    struct DeadlineRuleView: Encodable, Sendable {
        let name: String
        let title: String
        let starts: String
        let duration: String
        let metBy: String
    }

    let id: String
    let version: Int
    let title: String
    let tracks: [String]
    let initialState: String
    let states: [StateView]
    let actions: [ActionView]
    let deadlines: [DeadlineRuleView]

    public init(_ definition: WorkflowDefinition) {
        id = definition.id.rawValue
        version = definition.version
        title = definition.title
        tracks = definition.tracks.map(\.rawValue).sorted()
        initialState = definition.initialState.rawValue
        states = definition.states.map { StateView(id: $0.id.rawValue, title: $0.title, final: $0.isFinal) }
        actions = definition.actions.map { action in
            ActionView(id: action.id.rawValue, title: action.title, from: action.from.map(\.rawValue), to: action.to.rawValue,
                       roles: action.roles.map(\.rawValue).sorted(), outcomes: action.outcomes.map(\.rawValue),
                       guards: action.guards.map { GuardView(name: $0.name, requirement: $0.requirement) })
        }
        deadlines = definition.deadlines.map { rule in
            let starts = switch rule.start {
            case .onReceipt: "receipt"
            case .onEntering(let state): "entering:\(state)"
            }
            let duration = switch rule.duration {
            case .hours(let hours): "PT\(hours)H"
            case .days(let days): "P\(days)D"
            }
            let metBy = switch rule.completion {
            case .oralContact: "oralContact"
            case .anyContact: "anyContact"
            case .entering(let states): "entering:" + states.map(\.rawValue).joined(separator: ",")
            }
            return DeadlineRuleView(name: rule.name, title: rule.title, starts: starts, duration: duration, metBy: metBy)
        }
    }

    static let schema = RPCSchema.object([
        "id": .string, "version": .integer(), "title": .string, "tracks": .array(.string), "initialState": .string,
        "states": .array(.object(["id": .string, "title": .string, "final": .boolean])),
        "actions": .array(.object(["id": .string, "title": .string, "from": .array(.string), "to": .string,
                                   "roles": .array(.string), "outcomes": .array(.string), "guards": .array(.anyObject)])),
        "deadlines": .array(.object(["name": .string, "title": .string, "starts": .string, "duration": .string, "metBy": .string])),
    ], required: ["id", "version", "title", "initialState", "states", "actions", "deadlines"])
}
