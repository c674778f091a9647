public import KlageKernel

/// `attention.list`: what leaders and caseworkers should look at now, earliest due first.
///
/// Complaint clocks past their warn point (`deadline.dueSoon`) or still running past due
/// (`deadline.missed`), and what the tenant's plug-ins report (e.g. `borgerkontakt.taskOverdue`,
/// `gladsaxe.actionOverdue`). Items hold no citizen personal data, so the call is not access-logged.
public enum AttentionList: TenantMethod {
    public struct Params: Decodable, Sendable {
        let department: String?
        let limit: Int?
    }
    public struct Result: Encodable, Sendable {
        let items: [AttentionItemView]
    }
    public static let name = "attention.list"
    public static let summary = "What needs attention now: clocks at risk or missed, overdue tasks and actions, earliest due first."
    public static let roles = Role.anyTenantRole
    public static let params = [
        RPCParam("department", .string, "only items of this department"),
        RPCParam("limit", .integer(minimum: 1, maximum: 500), "at most this many items; 50 by default"),
    ]
    public static let result = RPCSchema.object(["items": .array(AttentionItemView.schema)], required: ["items"])
}

/// An attention item as the API shows it.
public struct AttentionItemView: Encodable, Sendable {
    struct Record: Encodable, Sendable {
        let plugin: String
        let kind: String
        let id: String
    }
    let kind: String
    let dueAt: String
    let title: String
    let complaintId: String?
    let deadline: String?
    let record: Record?
    let department: String?

    public init(_ item: AttentionItem) {
        kind = item.kind.rawValue
        dueAt = Timestamp.format(item.dueAt)
        title = item.title
        complaintId = item.complaintId?.rawValue
        deadline = item.deadline
        record = item.record.map { Record(plugin: $0.plugin.rawValue, kind: $0.kind, id: $0.id) }
        department = item.department
    }

    static let schema = RPCSchema.object(
        [
            "kind": .string, "dueAt": .dateTime, "title": .string, "complaintId": .string, "deadline": .string,
            "record": .object(["plugin": .string, "kind": .string, "id": .string], required: ["plugin", "kind", "id"]),
            "department": .string,
        ], required: ["kind", "dueAt", "title"])
}

extension RPCServices {
    func registerAttentionMethods(into builder: inout RPCMethodRegistry.Builder) {
        builder.register(AttentionList.self) { params, context in
            let query = AttentionQuery(
                department: try Validate.optionalText(params.department, field: "department", max: 100),
                limit: try Validate.limit(params.limit))
            return .init(items: try await AttentionService(env).list(query, in: context.tenant, by: context.actor).map(AttentionItemView.init))
        }
    }
}
