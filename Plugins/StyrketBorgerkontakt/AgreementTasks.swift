import Foundation
import KlagePluginAPI

/// Every point of a triangle's agreement becomes a dated task with its own follow-up deadline.
enum AgreementTasks {
    /// The attention kind of an open agreed task past its due time.
    static let taskOverdue: AttentionKind = "borgerkontakt.taskOverdue"
    /// The journey event of a completed conversation triangle: the contact's §13 note.
    static let section13Note: EventType = "borgerkontakt.section13Note"
    /// The journey event of a conversation the citizen declined: no §13 note of a conversation.
    static let conversationDeclined: EventType = "borgerkontakt.conversationDeclined"
    /// The journey event of an agreed task done.
    static let taskDone: EventType = "borgerkontakt.taskDone"

    static let complaintId = Field<ComplaintID?>("complaintId", .text(max: 64))
    static let overdueOnly = Field<Bool?>("overdue", .bool, "only open tasks past their due time")
    static let id = Field<Identifier<AgreedTask>>("id", .text(max: 64))
    static let note = Field<String?>("note", .text(max: 2_000))

    /// The data of a `borgerkontakt.section13Note` or `borgerkontakt.conversationDeclined` event.
    struct Section13Note: Codable, Sendable {
        let contactId: ContactID
    }

    /// The data of a `borgerkontakt.taskDone` event.
    struct TaskDone: Codable, Sendable {
        let taskId: Identifier<AgreedTask>
    }

    /// Open agreed tasks of the municipality past their due time, for `attention.list`; the citizen's own
    /// tasks are theirs to do, and never staff overdue.
    ///
    /// The title names the point of the agreement, not its text: "who" and "what" were written in a
    /// conversation with the citizen and may hold personal data. The department is the complaint's.
    @Sendable static func overdue(_ query: AttentionQuery, _ context: PluginContext) async throws -> [AttentionItem] {
        let tasks = try await context.records.list(
            AgreedTask.self, state: .open, dueBefore: context.now, limit: query.department == nil ? query.limit : 1_000)
        var departments: [ComplaintID: String?] = [:]
        var items: [AttentionItem] = []
        for task in tasks where !task.isCitizens {
            if departments[task.complaintId] == nil {
                departments[task.complaintId] = .some(try? await context.complaints.get(task.complaintId).department)
            }
            let department = departments[task.complaintId] ?? nil
            if let wanted = query.department, wanted != department { continue }
            items.append(
                AttentionItem(
                    kind: taskOverdue, dueAt: task.dueAt,
                    title: LocalizedText(
                        da: "Aftalt opgave med borgeren (punkt \(task.point) i aftalen)",
                        en: "Agreed task with the citizen (point \(task.point) of the agreement)"),
                    complaintId: task.complaintId, record: AttentionRecordRef(plugin: context.plugin, record: task), department: department))
        }
        return items
    }

    /// On a recorded contact: a completed triangle is noted as the §13 note, a declined conversation says
    /// so instead, and the agreement's points become tasks.
    @Sendable static func contactRecorded(_ recorded: ContactRecorded, _ context: PluginContext) async throws {
        let contact = recorded.contact
        if Triangle.isComplete(contact.fields) {
            try await context.complaints.appendEvent(
                section13Note, to: contact.complaintId,
                summary: "Completed conversation triangle recorded as the §13 note", data: Section13Note(contactId: contact.id))
        } else if Triangle.wasDeclined(contact.fields) {
            try await context.complaints.appendEvent(
                conversationDeclined, to: contact.complaintId,
                summary: "The citizen declined the conversation: no §13 note of a conversation", data: Section13Note(contactId: contact.id))
        }
        let agreement = (try? contact.fields[Triangle.agreement]) ?? nil
        for (index, point) in (agreement?.tasks ?? []).enumerated() {
            try await context.records.create(
                AgreedTask(
                    complaintId: contact.complaintId, contactId: contact.id, point: index + 1, who: point.who, what: point.what,
                    byCitizen: point.byCitizen, state: .open, dueAt: point.due))
        }
    }

    /// The agreed tasks on the console's page of a complaint.
    static let panel = ComplaintPanel(
        "borgerkontakt.tasks", title: LocalizedText(da: "Aftalte opgaver", en: "Agreed tasks"),
        empty: LocalizedText(da: "Ingen aftalte opgaver.", en: "No agreed tasks."), lists: list, complaintId: complaintId,
        columns: [
            PanelColumn("who", LocalizedText(da: "Hvem", en: "Who")),
            PanelColumn("byCitizen", LocalizedText(da: "Borgerens egen opgave", en: "The citizen's own task"), format: .yesNo),
            PanelColumn("what", LocalizedText(da: "Hvad", en: "What")), .dueAt, .state,
        ])

    /// `borgerkontakt.task.list`: the agreed tasks, of one complaint or all; `overdue` keeps the
    /// municipality's open ones past due (the citizen's own tasks, `byCitizen`, are never overdue).
    static let list = PluginOperation(
        "borgerkontakt.task.list",
        summary: "The tasks agreed with citizens (who does what by when), of one complaint or all; byCitizen marks the citizen's own.",
        roles: [.caseworker, .integration], params: [complaintId, overdueOnly]
    ) { input, context in
        let overdue = try input[overdueOnly] == true
        let tasks = try await context.records.list(
            AgreedTask.self, ref: try input[complaintId]?.rawValue, state: overdue ? .open : nil, dueBefore: overdue ? context.now : nil)
        return ItemList(overdue ? tasks.filter { !$0.isCitizens } : tasks)
    }

    /// `borgerkontakt.task.complete`: marks an agreed task done; its follow-up deadline is met.
    static let complete = PluginOperation(
        "borgerkontakt.task.complete", summary: "Marks an agreed task done.", roles: [.caseworker], params: [id, note]
    ) { input, context in
        var task = try await context.records.require(try input[id], what: "task")
        guard task.state == .open else { throw KlageError.conflict("the task is done already") }
        task.state = .done
        task.doneAt = context.now
        task.late = ClientTime.isAfter(context.now, task.dueAt)
        if let note = try input[note] { task.note = note }
        let saved = try await context.records.update(task)
        try await context.complaints.appendEvent(
            taskDone, to: task.complaintId,
            summary: "Agreed task done", data: TaskDone(taskId: task.id))
        return saved
    }
}
