public import KlageKernel

/// `baseline.set`: a leader's before-Klage figures for a department (or the whole municipality) and period.
public enum BaselineSet: TenantMethod {
    public struct Params: Decodable, Sendable {
        let department: String?
        let from: RPCTime
        let to: RPCTime
        let received: Int?
        let appealsForwarded: Int?
        let medianDaysToClose: Double?
        let satisfactionMean: Double?
        let source: String?
    }
    public typealias Result = Baseline
    public static let name = "baseline.set"
    public static let summary =
        "Stores the figures from before Klage for a department (or the whole municipality, without one) and period; replaces the "
        + "baseline with the same department and from."
    public static let roles: Set<Role> = [.leader]
    public static let params = [
        RPCParam("department", .string, "left out: the whole municipality"), RPCParam("from", .dateTime, required: true),
        RPCParam("to", .dateTime, required: true, "after from, at most 5 years later"), RPCParam("received", .integer(minimum: 0)),
        RPCParam("appealsForwarded", .integer(minimum: 0)), RPCParam("medianDaysToClose", .number),
        RPCParam("satisfactionMean", .number, "citizens' mean satisfaction, 1 to 5"),
        RPCParam("source", .string, "where the figures come from, e.g. ESDH extract 2024; no personal data"),
    ]
    public static let result = RPCSchema.ref("Baseline")
}

/// `baseline.list`: the tenant's baselines.
public enum BaselineList: TenantMethod {
    public typealias Params = NoParams
    public typealias Result = ItemsView<Baseline>
    public static let name = "baseline.list"
    public static let summary = "The tenant's baselines, by department (the whole municipality's first) and from."
    public static let roles: Set<Role> = [.leader]
    public static let params: [RPCParam] = []
    public static let result = ItemsView<Baseline>.schema("Baseline")
}

/// `baseline.delete`: removes one baseline.
public enum BaselineDelete: TenantMethod {
    public struct Params: Decodable, Sendable {
        let department: String?
        let from: RPCTime
    }
    public struct Result: Encodable, Sendable { let deleted: Bool }
    public static let name = "baseline.delete"
    public static let summary = "Deletes the baseline of a department (the whole municipality's, without one) that starts at from."
    public static let roles: Set<Role> = [.leader]
    public static let params = [RPCParam("department", .string), RPCParam("from", .dateTime, required: true)]
    public static let result = RPCSchema.object(["deleted": .boolean], required: ["deleted"])
}

extension RPCServices {
    func registerBaselineMethods(into builder: inout RPCMethodRegistry.Builder) {
        builder.register(BaselineSet.self) { params, context in
            let draft = Baseline(
                tenant: context.tenant.id, department: params.department, from: params.from.date, to: params.to.date, received: params.received,
                appealsForwarded: params.appealsForwarded, medianDaysToClose: params.medianDaysToClose,
                satisfactionMean: params.satisfactionMean, source: params.source, updatedAt: now)
            return try await BaselineService(env).set(draft, in: context.tenant)
        }
        builder.register(BaselineList.self) { _, context in
            ItemsView(items: try await BaselineService(env).list(in: context.tenant))
        }
        builder.register(BaselineDelete.self) { params, context in
            try await BaselineService(env).delete(department: params.department, from: params.from.date, in: context.tenant)
            return .init(deleted: true)
        }
    }
}
