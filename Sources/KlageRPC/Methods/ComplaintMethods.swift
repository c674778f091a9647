import Foundation
import KlageKernel

/// The params of the complaint methods.
private enum Params {
    static let state = Field<StateID?>("state", .text(max: 64))
    static let workflow = Field<WorkflowID?>("workflow", .text(max: 64))
    static let overdue = Field<Bool?>("overdue", .bool)
    static let escalated = Field<Bool?>("escalated", .bool, "only complaints whose missed deadline was escalated to a leader")
    static let assignee = Field<String?>(
        "assignee", .text(max: 100), "only complaints assigned to this id (a person's person:<id>, a key's id), or to the caller: 'me'")
    static let search = Field<String?>(
        "q", .text(max: SearchText.maxLength),
        "words that each start a word of the subject, description or citizen's name (all must match), or a whole id or external reference")
    static let open = Field<Bool?>("open", .bool, "only complaints not closed")
    static let receivedFrom = Field<Date?>("receivedFrom", .time, "only complaints received at or after this instant")
    static let receivedBefore = Field<Date?>("receivedBefore", .time, "only complaints received before this instant")
    static let order = Field<ComplaintQuery.Order?>(
        "order", .choice(of: ComplaintQuery.Order.self), "newest (the default) or due: nearest deadline first")
    static let action = Field<ActionID>("action", .text(max: 64))
    static let note = Field<String?>("note", .text(max: 2_000))
    static let outcome = Field<Outcome?>("outcome", .choice(of: Outcome.self))
    static let fields = Field<[String: JSONValue]>("fields", .object([]), default: [:])
    static let learning = Field<NewLearningItem?>(
        "learning", .object(NewLearningItem.lesson.specs),
        "only on an action that closes the complaint: what the organisation learned from it, free of personal data; "
            + "validated before the action is taken, then stored as a learning item and shown on the journey")
}

/// The reads of a complaint's personal data.
struct AccessLogView: WireSample {
    let reads: [AccessRecord]

    static let sample = AccessLogView(reads: [.sample])
}

extension RPCServices {
    /// `complaint.create`, `.get`, `.list`, `.act`, `.journey` and `.accessLog`.
    var complaintMethods: [RPCMethod] {
        [
            RPCMethod(
                "complaint.create", summary: "Registers a complaint; repeating it with the same externalRef returns the first complaint.",
                roles: [.caseworker, .integration], params: NewComplaint.params.declarations
            ) { input, context in
                ComplaintView(
                    try await complaints.create(try input.read(NewComplaint.params), in: context.tenant, by: context.actor), now: now,
                    for: context.actor)
            },
            RPCMethod("complaint.get", summary: "One complaint by id.", roles: Role.anyTenantRole, params: [CoreParams.complaint]) { input, context in
                ComplaintView(
                    try await complaints.read(input[CoreParams.complaint], in: context.tenant, by: context.actor, purpose: "complaint.get"),
                    now: now, for: context.actor)
            },
            RPCMethod(
                "complaint.list",
                summary: "A page of the tenant's complaints, newest first or by deadline; overdue keeps those with a running deadline past due, "
                    + "q searches (each read access-logged as a search).",
                roles: Role.anyTenantRole,
                params: [
                    Params.state, Params.workflow, Params.overdue, Params.escalated, CoreParams.department, Params.assignee, Params.search,
                    Params.open, Params.receivedFrom, Params.receivedBefore, Params.order, CoreParams.limit, CoreParams.cursor,
                ]
            ) { input, context in
                var query = ComplaintQuery(
                    state: input[Params.state], workflow: input[Params.workflow], department: input[CoreParams.department],
                    escalated: input[Params.escalated] ?? false, limit: try Validate.limit(input[CoreParams.limit]),
                    after: try PageCursor.decode(input[CoreParams.cursor]),
                    assignee: context.assignee(input[Params.assignee]))
                query.search = try input[Params.search].map { try SearchText($0) }
                query.open = input[Params.open] ?? false
                (query.receivedFrom, query.receivedBefore) = (input[Params.receivedFrom], input[Params.receivedBefore])
                query.order = input[Params.order] ?? .newest
                let page = try await complaints.list(query, overdue: input[Params.overdue] ?? false, in: context.tenant, by: context.actor)
                let now = now
                return PageView(items: page.items.map { ComplaintView($0, now: now, for: context.actor) }, nextCursor: page.nextCursor)
            },
            RPCMethod(
                "complaint.act",
                summary: "Runs one workflow action on a complaint at the given version; closing it in a tenant with surveyAtClosing also returns "
                    + "the satisfaction survey's one-time token (survey), on this response only.",
                roles: [.caseworker],
                params: [CoreParams.complaint, Params.action, CoreParams.version, Params.note, Params.outcome, Params.fields, Params.learning]
            ) { input, context in
                let (id, action, version) = (input[CoreParams.complaint], input[Params.action], input[CoreParams.version])
                let (note, outcome, fields) = (input[Params.note], input[Params.outcome], input[Params.fields])
                if let learned = input[Params.learning] {
                    let (acted, _) = try await learning.close(
                        id, action: action, version: version, note: note, outcome: outcome, fields: fields, learning: learned,
                        in: context.tenant, by: context.actor)
                    return ActedComplaintView(acted, now: now, for: context.actor)
                }
                let acted = try await complaints.act(
                    id, action: action, version: version, note: note, outcome: outcome, fields: fields, in: context.tenant, by: context.actor)
                return ActedComplaintView(acted, now: now, for: context.actor)
            },
            RPCMethod(
                "complaint.journey", summary: "The complaint journey: every event, oldest first, and the names of who acted (names).",
                roles: Role.anyTenantRole,
                params: [CoreParams.complaint]
            ) { input, context in
                let events = try await complaints.journey(input[CoreParams.complaint], in: context.tenant, by: context.actor)
                return JourneyView(
                    events: events, names: try await JourneyView.names(of: JourneyView.mentioned(in: events), in: context.tenant, env.store))
            },
            RPCMethod(
                "complaint.accessLog", summary: "Who read the complaint's personal data and when (GDPR art. 15), oldest first.", roles: [.leader],
                params: [CoreParams.complaint]
            ) { input, context in
                AccessLogView(reads: try await complaints.accessLog(of: input[CoreParams.complaint], in: context.tenant, by: context.actor))
            },
        ]
    }
}

extension RPCServices {
    /// A caseworker's method that changes one complaint (`id`) at the version they saw (`version`), and
    /// returns it as they may see it.
    ///
    /// - Parameters:
    ///   - params: The params besides `id` and `version`.
    ///   - change: Makes the change; gets the complaint's id and version, the input and the context.
    func complaintChange(
        _ name: String, summary: String, params: [any FieldDeclaration] = [],
        change: @escaping @Sendable (ComplaintID, Int, RPCInput, TenantContext) async throws -> Complaint
    ) -> RPCMethod {
        RPCMethod(name, summary: summary, roles: [.caseworker], params: [CoreParams.complaint, CoreParams.version] + params) { input, context in
            ComplaintView(
                try await change(input[CoreParams.complaint], input[CoreParams.version], input, context), now: now, for: context.actor)
        }
    }
}
