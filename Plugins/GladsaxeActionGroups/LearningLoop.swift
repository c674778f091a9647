import Foundation
import KlagePluginAPI

/// Learning items routed to their department's champion (or, without one, to the action group
/// itself), reviewed at action-group meetings, and turned into actions with an owner and a due date
/// that are tracked to done. The actions move the kernel's learning item: the first one accepts it,
/// and the last one done implements it (``LearningProgress``).
enum LearningLoop {
    static let operations = [listRoutes, createMeeting, listMeetings, review, createAction, completeAction, listActions]

    /// The attention kind of an open action past its due date.
    static let actionOverdue: AttentionKind = "gladsaxe.actionOverdue"

    /// The action group's page in the console: learning items, meetings, and actions tracked to done.
    static let board = ConsoleBoard(
        "gladsaxe.board", title: LocalizedText(da: "Læring og handlinger", en: "Learning and actions"),
        sections: [
            ConsoleBoard.Section(
                "learning", title: LocalizedText(da: "Læringspunkter", en: "Learning items"), method: "learning.list", params: ["limit": 50],
                columns: [
                    PanelColumn("title", LocalizedText(da: "Titel", en: "Title")), .state,
                    PanelColumn("department", LocalizedText(da: "Afdeling", en: "Department")),
                ]),
            ConsoleBoard.Section(
                "meetings", title: LocalizedText(da: "Møder", en: "Meetings"), lists: listMeetings,
                columns: [
                    PanelColumn("heldAt", LocalizedText(da: "Afholdt", en: "Held"), format: .time),
                    PanelColumn("attendees", LocalizedText(da: "Deltagere", en: "Attendees"), format: .list),
                    PanelColumn("reviewed", LocalizedText(da: "Behandlede læringspunkter", en: "Learning items reviewed"), format: .count),
                ]),
            ConsoleBoard.Section(
                "actions", title: LocalizedText(da: "Handlinger", en: "Actions"), lists: listActions,
                columns: [
                    PanelColumn("title", LocalizedText(da: "Titel", en: "Title")), .state,
                    PanelColumn("owner", LocalizedText(da: "Ansvarlig", en: "Owner")),
                    .dueAt,
                ]),
        ])

    static let routeState = Field<Route.State?>("state", .choice(of: Route.State.self))
    static let department = Field<String?>("department", .text(max: 100), "only this department's routes; null for those to the action group")
    static let heldAt = Field<Date>("heldAt", .time)
    static let attendees = Field<[String]>("attendees", .list(.text(max: 200), max: 50))
    static let meetingId = Field<Identifier<Meeting>>("meetingId", .text(max: 64))
    static let learningItemId = Field<LearningItemID>("learningItemId", .text(max: 64))
    static let decision = Field<Route.Decision>("decision", .choice(of: Route.Decision.self))
    static let note = Field<String?>("note", .text(max: 2_000))
    static let title = Field<String>("title", .text(max: 200))
    static let owner = Field<String>("owner", .text(max: 200))
    static let dueAt = Field<Date>("dueAt", .time)
    static let actionId = Field<Identifier<Action>>("id", .text(max: 64))
    static let actionState = Field<Action.State?>("state", .choice(of: Action.State.self))
    static let overdueOnly = Field<Bool?>("overdue", .bool)

    /// Open actions past their due date, for `attention.list`, titled by the action's title (checked
    /// free of personal data when the action was created), with the department of its learning item.
    @Sendable static func overdueActions(_ query: AttentionQuery, _ context: PluginContext) async throws -> [AttentionItem] {
        let overdue = try await context.records.list(
            Action.self, state: .open, dueBefore: context.now, limit: query.department == nil ? query.limit : 1_000)
        var items: [AttentionItem] = []
        for action in overdue {
            var department = action.department
            if department == nil {
                department = try? await context.learning.get(action.learningItemId).department
            }
            if let wanted = query.department, wanted != department { continue }
            items.append(
                AttentionItem(
                    kind: actionOverdue, dueAt: action.dueAt, title: .same(action.title),
                    record: AttentionRecordRef(plugin: context.plugin, record: action), department: department))
        }
        return items
    }

    /// On a new learning item: route it to its department's champion, or, when it names no department
    /// (or one the tenant has not added), to the action group itself, so no item goes unreviewed.
    @Sendable static func route(_ created: LearningItemCreated, _ context: PluginContext) async throws {
        let item = created.item
        var champion: String?
        if let name = item.department { champion = try await context.records.first(Department.self, ref: name)?.champion }
        try await context.records.create(
            Route(learningItemId: item.id, title: item.title, department: item.department, champion: champion, state: .routed))
    }

    /// `gladsaxe.route.list`: what waits for the champions and the action group; `department` keeps one
    /// department's routes, `department: null` those without a department (routed to the action group).
    static let listRoutes = PluginOperation(
        "gladsaxe.route.list",
        summary:
            "Learning items routed to department champions or, without a department, to the action group; waiting for the action group or reviewed.",
        roles: [.caseworker], params: [routeState, department]
    ) { input, context in
        let wanted = try input[department]
        let withoutDepartment = input.isNull(department)
        let routes = try await context.records.list(Route.self, state: try input[routeState], limit: 1_000)
            .filter { withoutDepartment ? $0.department == nil : wanted == nil || $0.department == wanted }
        return ItemList(routes)
    }

    /// `gladsaxe.meeting.create`: an action-group meeting.
    static let createMeeting = PluginOperation(
        "gladsaxe.meeting.create", summary: "Records an action-group meeting.", roles: [.leader], params: [heldAt, attendees]
    ) { input, context in
        try await context.records.create(Meeting(heldAt: try input[heldAt], attendees: try input[attendees], reviewed: []))
    }

    /// `gladsaxe.meeting.list`: the action group's meetings and what each reviewed, latest first.
    static let listMeetings = PluginOperation(
        "gladsaxe.meeting.list", summary: "Action-group meetings with the learning items each reviewed, latest first.", roles: [.caseworker]
    ) { _, context in
        ItemList(try await context.records.list(Meeting.self, limit: 1_000).sorted { $0.record.heldAt > $1.record.heldAt })
    }

    /// `gladsaxe.meeting.review`: the action group reviews a routed learning item at a meeting.
    static let review = PluginOperation(
        "gladsaxe.meeting.review", summary: "Reviews a routed learning item at a meeting: act on it, or not.", roles: [.leader],
        params: [meetingId, learningItemId, decision, note]
    ) { input, context in
        var held = try await context.records.require(try input[meetingId], what: "meeting")
        let itemID = try input[learningItemId]
        guard var routed = try await context.records.first(Route.self, ref: itemID.rawValue) else {
            throw KlageError.notFound("routed learning item")
        }
        guard routed.state == .routed else { throw KlageError.conflict("the learning item has been reviewed already") }
        routed.state = .reviewed
        routed.meetingId = held.id
        routed.decision = try input[decision]
        if let note = try input[note] { routed.note = note }
        // The route's version check decides between two meetings reviewing the same item at once.
        let reviewed = try await context.records.update(routed)
        held.reviewed.append(itemID)
        try await context.records.update(held)
        return reviewed
    }

    /// `gladsaxe.action.create`: an improvement action with an owner and a due date; the first accepts the learning item.
    static let createAction = PluginOperation(
        "gladsaxe.action.create",
        summary: "Turns a reviewed learning item into an action with an owner and a due date; the first accepts the learning item.", roles: [.leader],
        params: [learningItemId, title, owner, dueAt]
    ) { input, context in
        let itemID = try input[learningItemId]
        _ = try await context.learning.get(itemID)
        guard let routed = try await context.records.first(Route.self, ref: itemID.rawValue), routed.decision == .act else {
            throw KlageError.conflict("the action group has not decided to act on this learning item")
        }
        let text = try input[title]
        // Actions are listed to leaders on attention.list, so their titles carry no personal data either.
        try Validate.freeOfPersonalData(text, field: title.name)
        let created = try await context.records.create(
            Action(
                learningItemId: itemID, title: text, owner: try input[owner], meetingId: routed.meetingId, department: routed.department,
                state: .open, dueAt: try input[dueAt]))
        try await LearningProgress.actionCreated(for: itemID, context)
        return created
    }

    /// `gladsaxe.action.complete`: an action is done; the last of its learning item's implements the item.
    static let completeAction = PluginOperation(
        "gladsaxe.action.complete", summary: "Marks an action done; when all of its learning item's actions are done, the item is implemented.",
        roles: [.caseworker], params: [actionId, note]
    ) { input, context in
        var done = try await context.records.require(try input[actionId], what: "action")
        guard done.state == .open else {
            // A call that failed after marking it done is finished here: the item moves as it should have.
            try await LearningProgress.actionCompleted(for: done.learningItemId, context)
            throw KlageError.conflict("the action is done already")
        }
        done.state = .done
        done.doneAt = context.now
        if let note = try input[note] { done.note = note }
        let completed = try await context.records.update(done)
        try await LearningProgress.actionCompleted(for: done.learningItemId, context)
        return completed
    }

    /// `gladsaxe.action.list`: actions, or only the overdue ones.
    static let listActions = PluginOperation(
        "gladsaxe.action.list", summary: "Improvement actions; overdue keeps open actions past their due date.", roles: [.caseworker],
        params: [actionState, overdueOnly]
    ) { input, context in
        let overdue = try input[overdueOnly] == true
        let state: Action.State? = try overdue ? .open : input[actionState]
        let actions = try await context.records.list(Action.self, state: state, dueBefore: overdue ? context.now : nil, limit: 1_000)
        return ItemList(actions)
    }
}
