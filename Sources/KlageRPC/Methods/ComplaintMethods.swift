public import KlageKernel

/// `complaint.create`: registers a complaint; idempotent on `externalRef`.
public enum ComplaintCreate: TenantMethod {
    public typealias Params = NewComplaint
    public typealias Result = ComplaintView
    public static let name = "complaint.create"
    public static let summary = "Registers a complaint; repeating it with the same externalRef returns the first complaint."
    public static let roles: Set<Role> = [.caseworker, .integration]
    public static let params = [
        RPCParam("workflow", .string, required: true),
        RPCParam(
            "track", .defaulted(.oneOf(ComplaintTrack.allCases.map(\.rawValue)), "dissatisfaction"),
            "the legal track, decided at intake: 'dissatisfaction' with service or conduct (the dialogue methods apply freely), or "
                + "'appeal' of a decision (klage over en afgørelse: the statutory 4-week forwarding deadline runs whatever the dialogue "
                + "achieves, and it closes only as 'upheld', as 'withdrawn' with the citizen's consent, or as 'forwarded' with "
                + "fields.forwardedTo). Left out, the complaint is dissatisfaction, and the complaint returned says so in 'track'"
        ),
        RPCParam("channel", .oneOf(Channel.allCases.map(\.rawValue)), required: true), RPCParam("subject", .string, required: true),
        RPCParam("description", .string, required: true), RPCParam("remedy", .string, "what the citizen asks for"),
        RPCParam("citizen", .ref("CitizenInput"), required: true), RPCParam("receivedAt", .dateTime),
        RPCParam("department", .string), RPCParam("externalRef", .string, "the case system's reference"), RPCParam("fields", .anyObject),
    ]
    public static let result = RPCSchema.ref("Complaint")
}

/// `complaint.get`: one complaint.
public enum ComplaintGet: TenantMethod {
    public struct Params: Decodable, Sendable { let id: ComplaintID }
    public typealias Result = ComplaintView
    public static let name = "complaint.get"
    public static let summary = "One complaint by id."
    public static let roles = Role.anyTenantRole
    public static let params = [RPCParam("id", .string, required: true)]
    public static let result = RPCSchema.ref("Complaint")
}

/// `complaint.list`: a page of complaints, newest first.
public enum ComplaintList: TenantMethod {
    public struct Params: Decodable, Sendable {
        let state: StateID?
        let workflow: WorkflowID?
        let overdue: Bool?
        let escalated: Bool?
        let department: String?
        let limit: Int?
        let cursor: String?
    }
    public typealias Result = PageView<ComplaintView>
    public static let name = "complaint.list"
    public static let summary = "A page of the tenant's complaints, newest first; overdue keeps those with a running deadline past due."
    public static let roles = Role.anyTenantRole
    public static let params = [
        RPCParam("state", .string), RPCParam("workflow", .string), RPCParam("overdue", .boolean),
        RPCParam("escalated", .boolean, "only complaints whose missed deadline was escalated to a leader"), RPCParam("department", .string),
        RPCParam("limit", .integer(minimum: 1, maximum: 500)), RPCParam("cursor", .string),
    ]
    public static let result = PageView<ComplaintView>.schema("Complaint")
}

/// `complaint.act`: runs one workflow action; one that closes the complaint may record what was learned.
public enum ComplaintAct: TenantMethod {
    public struct Params: Decodable, Sendable {
        /// What was learned, recorded as a learning item linked to the complaint.
        struct LearningParams: Decodable, Sendable {
            let title: String
            let insight: String
            let department: String?
            let tags: [String]?
        }
        let id: ComplaintID
        let action: ActionID
        let version: Int
        let note: String?
        let outcome: Outcome?
        let fields: [String: JSONValue]?
        let learning: LearningParams?
    }
    public typealias Result = ActedComplaintView
    public static let name = "complaint.act"
    public static let summary =
        "Runs one workflow action on a complaint at the given version; closing it in a tenant with surveyAtClosing also returns "
        + "the satisfaction survey's one-time token (survey), on this response only."
    public static let roles: Set<Role> = [.caseworker]
    public static let params = [
        RPCParam("id", .string, required: true), RPCParam("action", .string, required: true),
        RPCParam("version", .integer(minimum: 1), required: true), RPCParam("note", .string),
        RPCParam("outcome", .oneOf(Outcome.allCases.map(\.rawValue))), RPCParam("fields", .anyObject),
        RPCParam(
            "learning",
            .object(
                ["title": .string, "insight": .string, "department": .string, "tags": .array(.string)],
                required: ["title", "insight"]),
            "only on an action that closes the complaint: what the organisation learned from it, free of personal data; "
                + "validated before the action is taken, then stored as a learning item and shown on the journey"),
    ]
    public static let result = ActedComplaintView.schema
}

/// `complaint.journey`: the complaint's events, oldest first.
public enum ComplaintJourney: TenantMethod {
    public struct Params: Decodable, Sendable { let id: ComplaintID }
    public typealias Result = EventsView
    public static let name = "complaint.journey"
    public static let summary = "The complaint journey: every event, oldest first."
    public static let roles = Role.anyTenantRole
    public static let params = [RPCParam("id", .string, required: true)]
    public static let result = RPCSchema.object(["events": .array(.ref("Event"))], required: ["events"])
}

/// `complaint.accessLog`: who read the complaint's personal data, for a data subject's request.
public enum ComplaintAccessLog: TenantMethod {
    public struct Params: Decodable, Sendable { let id: ComplaintID }
    public typealias Result = AccessLogView
    public static let name = "complaint.accessLog"
    public static let summary = "Who read the complaint's personal data and when (GDPR art. 15), oldest first."
    public static let roles: Set<Role> = [.leader]
    public static let params = [RPCParam("id", .string, required: true)]
    public static let result = RPCSchema.object(
        [
            "reads": .array(.object(["at": .dateTime, "actor": .string, "actorLabel": .string, "purpose": .string]))
        ], required: ["reads"])
}

/// The reads of a complaint's personal data.
public struct AccessLogView: Encodable, Sendable {
    let reads: [AccessRecord]
}

/// The events of a journey.
public struct EventsView: Encodable, Sendable {
    let events: [DomainEvent]
}

extension RPCServices {
    func registerComplaintMethods(into builder: inout RPCMethodRegistry.Builder) {
        builder.register(ComplaintCreate.self) { params, context in
            ComplaintView(try await complaints.create(params, in: context.tenant, by: context.actor), now: now, for: context.actor)
        }
        builder.register(ComplaintGet.self) { params, context in
            return ComplaintView(
                try await complaints.read(params.id, in: context.tenant, by: context.actor, purpose: ComplaintGet.name), now: now, for: context.actor)
        }
        builder.register(ComplaintList.self) { params, context in
            let query = ComplaintQuery(
                state: params.state, workflow: params.workflow, department: params.department,
                escalated: params.escalated ?? false, limit: try Validate.limit(params.limit),
                after: try PageCursor.decode(params.cursor))
            let page = try await complaints.list(query, overdue: params.overdue ?? false, in: context.tenant, by: context.actor)
            let now = now
            return PageView(items: page.items.map { ComplaintView($0, now: now, for: context.actor) }, nextCursor: page.nextCursor)
        }
        builder.register(ComplaintAct.self) { params, context in
            if let learned = params.learning {
                let draft = NewLearningItem(title: learned.title, insight: learned.insight, department: learned.department, tags: learned.tags ?? [])
                let (acted, _) = try await learning.close(
                    params.id, action: params.action, version: params.version, note: params.note,
                    outcome: params.outcome, fields: params.fields ?? [:], learning: draft,
                    in: context.tenant, by: context.actor)
                return ActedComplaintView(acted, now: now, for: context.actor)
            }
            let acted = try await complaints.act(
                params.id, action: params.action, version: params.version, note: params.note,
                outcome: params.outcome, fields: params.fields ?? [:], in: context.tenant, by: context.actor)
            return ActedComplaintView(acted, now: now, for: context.actor)
        }
        builder.register(ComplaintAccessLog.self) { params, context in
            return AccessLogView(reads: try await complaints.accessLog(of: params.id, in: context.tenant, by: context.actor))
        }
        builder.register(ComplaintJourney.self) { params, context in
            return EventsView(events: try await complaints.journey(params.id, in: context.tenant, by: context.actor))
        }
    }
}
