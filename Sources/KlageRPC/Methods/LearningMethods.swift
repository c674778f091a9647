public import KlageKernel

/// `learning.create`: records what the organisation learned; refuses personal data and what the
/// tenant's plug-ins refuse (Gladsaxe: an unknown department). Tied to a complaint, it also goes
/// into the complaint's journey as "What we learned: <title>".
public enum LearningCreate: TenantMethod {
    public typealias Params = NewLearningItem
    public typealias Result = LearningItem
    public static let name = "learning.create"
    public static let summary =
        "Creates a learning item, optionally tied to a complaint (whose journey then says what was learned); it must hold no personal data."
    public static let roles: Set<Role> = [.caseworker]
    public static let params = [
        RPCParam("title", .string, required: true), RPCParam("insight", .string, required: true), RPCParam("complaintId", .string),
        RPCParam("department", .string), RPCParam("tags", .array(.string)),
    ]
    public static let result = RPCSchema.ref("LearningItem")
}

/// `learning.get`: one learning item.
public enum LearningGet: TenantMethod {
    public struct Params: Decodable, Sendable { let id: LearningItemID }
    public typealias Result = LearningItem
    public static let name = "learning.get"
    public static let summary = "One learning item by id."
    public static let roles = Role.anyTenantRole
    public static let params = [RPCParam("id", .string, required: true)]
    public static let result = RPCSchema.ref("LearningItem")
}

/// `learning.list`: a page of learning items, newest first.
public enum LearningList: TenantMethod {
    public struct Params: Decodable, Sendable {
        let state: StateID?
        let department: String?
        let limit: Int?
        let cursor: String?
    }
    public typealias Result = PageView<LearningItem>
    public static let name = "learning.list"
    public static let summary = "A page of the tenant's learning items, newest first."
    public static let roles = Role.anyTenantRole
    public static let params = [
        RPCParam("state", .string), RPCParam("department", .string), RPCParam("limit", .integer(minimum: 1, maximum: 500)),
        RPCParam("cursor", .string),
    ]
    public static let result = PageView<LearningItem>.schema("LearningItem")
}

/// `learning.act`: moves a learning item through its workflow.
public enum LearningAct: TenantMethod {
    public struct Params: Decodable, Sendable {
        let id: LearningItemID
        let action: ActionID
        let version: Int
        let note: String?
    }
    public typealias Result = LearningItem
    public static let name = "learning.act"
    public static let summary = "Accepts, implements or dismisses a learning item at the given version."
    public static let roles: Set<Role> = [.caseworker]
    public static let params = [
        RPCParam("id", .string, required: true), RPCParam("action", .oneOf(LearningWorkflow.definition.actions.map(\.id.rawValue)), required: true),
        RPCParam("version", .integer(minimum: 1), required: true), RPCParam("note", .string),
    ]
    public static let result = RPCSchema.ref("LearningItem")
}

extension RPCServices {
    func registerLearningMethods(into builder: inout RPCMethodRegistry.Builder) {
        builder.register(LearningCreate.self) { params, context in
            try await learning.create(params, in: context.tenant, by: context.actor)
        }
        builder.register(LearningGet.self) { params, context in
            return try await learning.get(params.id, in: context.tenant)
        }
        builder.register(LearningList.self) { params, context in
            let query = LearningQuery(
                state: params.state, department: params.department, limit: try Validate.limit(params.limit),
                after: try PageCursor.decode(params.cursor))
            let page = try await learning.list(query, in: context.tenant)
            return PageView(items: page.items, nextCursor: page.nextCursor)
        }
        builder.register(LearningAct.self) { params, context in
            return try await learning.act(
                params.id, action: params.action, version: params.version,
                note: params.note, in: context.tenant, by: context.actor)
        }
    }
}
