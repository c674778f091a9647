import Foundation
import KlageKernel

/// Learning items routed to their department's champion, reviewed at action-group meetings, and
/// turned into actions with an owner and a due date that are tracked to done.
enum LearningLoop {
    static let route = "route"
    static let meeting = "meeting"
    static let action = "action"

    static let operations = [listRoutes, createMeeting, review, createAction, completeAction, listActions]

    /// The attention kind of an open action past its due date.
    static let actionOverdue: AttentionKind = "gladsaxe.actionOverdue"

    /// Open actions past their due date, for `attention.list`, titled by the action's title (checked
    /// free of personal data when the action was created), with the department of its learning item.
    @Sendable static func overdueActions(_ query: AttentionQuery, _ context: PluginContext) async throws -> [AttentionItem] {
        let overdue = try await context.records.list(action, PluginRecordQuery(
            state: "open", dueBefore: context.now, limit: query.department == nil ? query.limit : 1_000))
        var items: [AttentionItem] = []
        for record in overdue {
            guard let dueAt = record.dueAt else { continue }
            var department = record.body["department"]?.stringValue
            if department == nil, let itemID = record.body["learningItemId"]?.stringValue {
                department = try? await context.learning.get(LearningItemID(itemID)).department
            }
            if let wanted = query.department, wanted != department { continue }
            items.append(AttentionItem(
                kind: actionOverdue, dueAt: dueAt, title: record.body["title"]?.stringValue ?? "Improvement action",
                record: AttentionRecordRef(plugin: context.plugin, kind: action, id: record.id), department: department))
        }
        return items
    }

    /// On a new learning item with a department: route it to that department's champion.
    @Sendable static func route(_ event: DomainEvent, _ context: PluginContext) async throws {
        guard let itemID = event.learningItemId else { return }
        let item = try await context.learning.get(itemID)
        guard let name = item.department, let department = try await context.records.list(Organisation.department, PluginRecordQuery(ref: name)).first
        else { return }
        try await context.records.create(route, body: [
            "learningItemId": .string(item.id.rawValue), "title": .string(item.title), "department": .string(name),
            "champion": department.body["champion"] ?? .null,
        ], ref: item.id.rawValue, state: "routed")
    }

    /// `gladsaxe.route.list`: what waits for the champions (or one department's champion).
    static let listRoutes = PluginOperation(
        "gladsaxe.route.list", summary: "Learning items routed to department champions, waiting for the action group or reviewed.",
        roles: [.caseworker],
        params: [FieldSpec("state", .choice(["routed", "reviewed"])), FieldSpec("department", .text(max: 100))]
    ) { input, context in
        let routes = try await context.records.list(route, PluginRecordQuery(state: input.string("state"), limit: 1_000))
            .filter { input.string("department") == nil || $0.body["department"]?.stringValue == input.string("department") }
        return ["items": .array(routes.map(\.json))]
    }

    /// `gladsaxe.meeting.create`: an action-group meeting.
    static let createMeeting = PluginOperation(
        "gladsaxe.meeting.create", summary: "Records an action-group meeting.", roles: [.leader],
        params: [FieldSpec("heldAt", .time, required: true), FieldSpec("attendees", .list(.text(max: 200), max: 50), required: true)]
    ) { input, context in
        try await context.records.create(meeting, body: input.params.merging(["reviewed": .array([])]) { $1 }, dueAt: input.time("heldAt")).json
    }

    /// `gladsaxe.meeting.review`: the action group reviews a routed learning item at a meeting.
    static let review = PluginOperation(
        "gladsaxe.meeting.review", summary: "Reviews a routed learning item at a meeting: act on it, or not.", roles: [.leader],
        params: [
            FieldSpec("meetingId", .text(max: 64), required: true), FieldSpec("learningItemId", .text(max: 64), required: true),
            FieldSpec("decision", .choice(["act", "noAction"]), required: true), FieldSpec("note", .text(max: 2_000)),
        ]
    ) { input, context in
        var held = try await context.records.require(meeting, id: try input.required("meetingId"), what: "meeting")
        let itemID = try input.required("learningItemId")
        guard var routed = try await context.records.list(route, PluginRecordQuery(ref: itemID)).first else {
            throw KlageError.notFound("routed learning item")
        }
        guard routed.state == "routed" else { throw KlageError.conflict("the learning item has been reviewed already") }
        routed.state = "reviewed"
        routed.body["meetingId"] = .string(held.id)
        routed.body["decision"] = .string(try input.required("decision"))
        if let note = input.string("note") { routed.body["note"] = .string(note) }
        // The route's version check decides between two meetings reviewing the same item at once.
        let reviewed = try await context.records.update(routed)
        held.body["reviewed"] = .array((held.body["reviewed"]?.arrayValue ?? []) + [.string(itemID)])
        try await context.records.update(held)
        return reviewed.json
    }

    /// `gladsaxe.action.create`: an improvement action with an owner and a due date.
    static let createAction = PluginOperation(
        "gladsaxe.action.create", summary: "Turns a reviewed learning item into an action with an owner and a due date.", roles: [.leader],
        params: [
            FieldSpec("learningItemId", .text(max: 64), required: true), FieldSpec("title", .text(max: 200), required: true),
            FieldSpec("owner", .text(max: 200), required: true), FieldSpec("dueAt", .time, required: true),
        ]
    ) { input, context in
        let itemID = try input.required("learningItemId")
        _ = try await context.learning.get(LearningItemID(itemID))
        guard let routed = try await context.records.list(route, PluginRecordQuery(ref: itemID)).first, routed.body["decision"] == "act" else {
            throw KlageError.conflict("the action group has not decided to act on this learning item")
        }
        let title = try input.required("title")
        // Actions are listed to leaders on attention.list, so their titles carry no personal data either.
        try Validate.freeOfPersonalData(title, field: "title")
        return try await context.records.create(action, body: [
            "learningItemId": .string(itemID), "title": .string(title), "owner": .string(try input.required("owner")),
            "meetingId": routed.body["meetingId"] ?? .null, "department": routed.body["department"] ?? .null,
        ], ref: itemID, state: "open", dueAt: input.time("dueAt")).json
    }

    /// `gladsaxe.action.complete`: an action is done.
    static let completeAction = PluginOperation(
        "gladsaxe.action.complete", summary: "Marks an action done.", roles: [.caseworker],
        params: [FieldSpec("id", .text(max: 64), required: true), FieldSpec("note", .text(max: 2_000))]
    ) { input, context in
        var done = try await context.records.require(action, id: try input.required("id"), what: "action")
        guard done.state == "open" else { throw KlageError.conflict("the action is done already") }
        done.state = "done"
        done.body["doneAt"] = .string(Timestamp.format(context.now))
        if let note = input.string("note") { done.body["note"] = .string(note) }
        return try await context.records.update(done).json
    }

    /// `gladsaxe.action.list`: actions, or only the overdue ones.
    static let listActions = PluginOperation(
        "gladsaxe.action.list", summary: "Improvement actions; overdue keeps open actions past their due date.", roles: [.caseworker],
        params: [FieldSpec("state", .choice(["open", "done"])), FieldSpec("overdue", .bool)]
    ) { input, context in
        let overdue = input.bool("overdue") == true
        let actions = try await context.records.list(action, PluginRecordQuery(
            state: overdue ? "open" : input.string("state"), dueBefore: overdue ? context.now : nil, limit: 1_000))
        return ["items": .array(actions.map(\.json))]
    }
}
