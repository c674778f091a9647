import Foundation
import KlagePluginAPI

/// A learning item routed to its department's champion, or to the action group itself when it names
/// no department (or one without a champion), until the action group reviews it.
struct Route: StorableRecord {
    static let kind = "route"

    /// Routed, then reviewed at a meeting.
    enum State: String, RecordState, CaseIterable {
        case routed, reviewed
    }

    /// The action group's decision on a reviewed item.
    enum Decision: String, Codable, Sendable, CaseIterable {
        case act, noAction
    }

    /// Who the item waits with until the action group reviews it.
    enum Recipient: String, Codable, Sendable {
        /// The champion of the item's department.
        case champion
        /// The action group itself: the item names no department the tenant has added.
        case actionGroup
    }

    var learningItemId: LearningItemID
    var title: String
    /// The learning item's department; `nil` for an item that names none.
    var department: String?
    /// The department's champion; `nil` when routed to the action group.
    var champion: String?
    var routedTo: Recipient
    var state: State
    var meetingId: Identifier<Meeting>?
    var decision: Decision?
    var note: String?

    var index: RecordIndex<State> { RecordIndex(ref: learningItemId.rawValue, state: state) }

    /// A route to the department's champion, or to the action group without one.
    init(learningItemId: LearningItemID, title: String, department: String?, champion: String?, state: State) {
        self.learningItemId = learningItemId
        self.title = title
        self.department = department
        self.champion = champion
        self.routedTo = champion == nil ? .actionGroup : .champion
        self.state = state
    }
}

extension Route {
    private enum CodingKeys: String, CodingKey {
        case learningItemId, title, department, champion, routedTo, state, meetingId, decision, note
    }

    /// Reads a stored route; one stored before routes could go to the action group has no
    /// `routedTo` and always named its department and champion.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        learningItemId = try container.decode(LearningItemID.self, forKey: .learningItemId)
        title = try container.decode(String.self, forKey: .title)
        department = try container.decodeIfPresent(String.self, forKey: .department)
        champion = try container.decodeIfPresent(String.self, forKey: .champion)
        routedTo = try container.decodeIfPresent(Recipient.self, forKey: .routedTo) ?? (champion == nil ? .actionGroup : .champion)
        state = try container.decode(State.self, forKey: .state)
        meetingId = try container.decodeIfPresent(Identifier<Meeting>.self, forKey: .meetingId)
        decision = try container.decodeIfPresent(Decision.self, forKey: .decision)
        note = try container.decodeIfPresent(String.self, forKey: .note)
    }
}
