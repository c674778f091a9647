import Foundation
import KlageKernel

/// Every point of a triangle's agreement becomes a dated task with its own follow-up deadline.
enum AgreementTasks {
    static let kind = "task"

    /// The attention kind of an open agreed task past its due time.
    static let taskOverdue: AttentionKind = "borgerkontakt.taskOverdue"

    /// Open agreed tasks past their due time, for `attention.list`.
    ///
    /// The title names the point of the agreement, not its text: "who" and "what" were written in a
    /// conversation with the citizen and may hold personal data. The department is the complaint's.
    @Sendable static func overdue(_ query: AttentionQuery, _ context: PluginContext) async throws -> [AttentionItem] {
        let tasks = try await context.records.list(kind, PluginRecordQuery(
            state: "open", dueBefore: context.now, limit: query.department == nil ? query.limit : 1_000))
        var departments: [String: String?] = [:]
        var items: [AttentionItem] = []
        for task in tasks {
            guard let dueAt = task.dueAt, let complaint = task.ref else { continue }
            if departments[complaint] == nil {
                departments[complaint] = .some(try? await context.complaints.get(ComplaintID(complaint)).department)
            }
            let department = departments[complaint] ?? nil
            if let wanted = query.department, wanted != department { continue }
            let point = task.body["point"]?.numberValue.map { " (point \(Int($0)) of the agreement)" } ?? ""
            items.append(AttentionItem(
                kind: taskOverdue, dueAt: dueAt, title: "Agreed task with the citizen" + point, complaintId: ComplaintID(complaint),
                record: AttentionRecordRef(plugin: context.plugin, kind: kind, id: task.id), department: department))
        }
        return items
    }

    /// On a recorded contact: a completed triangle is noted as the §13 note, and its agreement's points become tasks.
    @Sendable static func contactRecorded(_ event: DomainEvent, _ context: PluginContext) async throws {
        guard let complaintId = event.complaintId, let contactId = event.data["contactId"]?.stringValue else { return }
        guard let contact = try await context.complaints.contacts(of: complaintId).first(where: { $0.id.rawValue == contactId })
        else { return }
        if Triangle.isComplete(contact.fields) {
            try await context.complaints.appendEvent(
                "borgerkontakt.section13Note", to: complaintId,
                summary: "Completed conversation triangle recorded as the §13 note", data: ["contactId": .string(contactId)]
            )
        }
        for (index, task) in (contact.fields["agreement"]?["tasks"]?.arrayValue ?? []).enumerated() {
            guard let who = task["who"]?.stringValue, let what = task["what"]?.stringValue,
                  let due = task["due"]?.stringValue.flatMap(Timestamp.parse) else { continue }
            try await context.records.create(kind, body: [
                "complaintId": .string(complaintId.rawValue), "contactId": .string(contactId), "point": .number(Double(index + 1)),
                "who": .string(who), "what": .string(what),
            ], ref: complaintId.rawValue, state: "open", dueAt: due)
        }
    }

    /// `borgerkontakt.task.list`: the agreed tasks, of one complaint or all; `overdue` keeps open ones past due.
    static let list = PluginOperation(
        "borgerkontakt.task.list", summary: "The tasks agreed with citizens (who does what by when), of one complaint or all.",
        roles: [.caseworker, .integration],
        params: [FieldSpec("complaintId", .text(max: 64)), FieldSpec("overdue", .bool, "only open tasks past their due time")]
    ) { input, context in
        let overdue = input.bool("overdue") == true
        let tasks = try await context.records.list(kind, PluginRecordQuery(
            ref: input.string("complaintId"), state: overdue ? "open" : nil, dueBefore: overdue ? context.now : nil))
        return ["items": .array(tasks.map(\.json))]
    }

    /// `borgerkontakt.task.complete`: marks an agreed task done; its follow-up deadline is met.
    static let complete = PluginOperation(
        "borgerkontakt.task.complete", summary: "Marks an agreed task done.", roles: [.caseworker],
        params: [FieldSpec("id", .text(max: 64), required: true), FieldSpec("note", .text(max: 2_000))]
    ) { input, context in
        var task = try await context.records.require(kind, id: try input.required("id"), what: "task")
        guard task.state == "open" else { throw KlageError.conflict("the task is done already") }
        task.state = "done"
        task.body["doneAt"] = .string(Timestamp.format(context.now))
        task.body["late"] = .bool(task.dueAt.map { ClientTime.isAfter(context.now, $0) } ?? false)
        if let note = input.string("note") { task.body["note"] = .string(note) }
        let saved = try await context.records.update(task)
        if let complaint = task.ref {
            try await context.complaints.appendEvent("borgerkontakt.taskDone", to: ComplaintID(complaint),
                                                     summary: "Agreed task done", data: ["taskId": .string(task.id)])
        }
        return saved.json
    }
}
