public import KlageKernel

/// Builds the OpenRPC 1.3 document that `rpc.discover` returns, from the registry's declarations.
enum OpenRPCDocument {
    static func build(entries: [RPCMethodRegistry.Entry], version: String) -> JSONValue {
        let methods: [JSONValue] = entries.map { entry in
            var method: [String: JSONValue] = [
                "name": .string(entry.name),
                "summary": .string(entry.summary),
                "paramStructure": "by-name",
                "params": .array(
                    entry.params.map { param in
                        var descriptor: [String: JSONValue] = [
                            "name": .string(param.name), "schema": param.schema.json, "required": .bool(param.required),
                        ]
                        if let summary = param.summary { descriptor["summary"] = .string(summary) }
                        return .object(descriptor)
                    }),
                "result": ["name": .string(entry.name + ".result"), "schema": entry.result.json],
            ]
            let errors = errorCodes(for: entry.access)
            method["errors"] = .array(errors.map { ["code": .number(Double($0.0)), "message": .string($0.1)] })
            return .object(method)
        }
        return [
            "openrpc": "1.3.2",
            "info": [
                "title": "Klage", "version": .string(version),
                "description": "Complaint handling for Danish municipalities: complaints, contacts, learning, workflows.",
            ],
            "methods": .array(methods),
            "components": ["schemas": .object(schemas.mapValues(\.json))],
        ]
    }

    private static func errorCodes(for access: RPCAccess) -> [(Int, String)] {
        var codes: [(Int, String)] = [(-32602, "Invalid params"), (-32022, "Validation failed")]
        if access != .open { codes += [(-32001, "Unauthenticated"), (-32003, "Forbidden")] }
        codes += [(-32004, "Not found"), (-32009, "Conflict")]
        return codes
    }

    /// The record schemas that methods refer to by name.
    static let schemas: [String: RPCSchema] = [
        "Complaint": ComplaintView.schema,
        "Contact": .contact,
        "LearningItem": .learningItem,
        "Tenant": .tenant,
        "Event": .event,
        "Effort": .effort,
        "Baseline": .baseline,
        "Workflow": WorkflowView.schema,
        "Citizen": .object(
            ["name": .string, "phone": .nullable(.string), "email": .nullable(.string), "cpr": .nullable(.string)], required: ["name"]),
        "CitizenInput": .object(["name": .string, "phone": .string, "email": .string, "cpr": .string], required: ["name"]),
        "Deadline": .object(
            [
                "name": .string, "dueAt": .dateTime, "warnAt": .nullable(.dateTime), "metAt": .nullable(.dateTime),
                "stoppedAt": .nullable(.dateTime), "pausedAt": .nullable(.dateTime),
                "missed": .boolean,
            ], required: ["name", "dueAt", "missed"]),
    ]
}

/// `rpc.discover`: the OpenRPC document of the methods the caller's tenant can use.
public enum RPCDiscover: RPCMethod {
    public typealias Params = NoParams
    public typealias Result = JSONValue
    public static let name = "rpc.discover"
    public static let summary = "The OpenRPC document of every method the caller's tenant can use."
    public static let access = RPCAccess.open
    public static let params: [RPCParam] = []
    public static let result = RPCSchema.anyObject
}
