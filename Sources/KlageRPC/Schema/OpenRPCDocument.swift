import KlageKernel

/// Builds the OpenRPC 1.3 document that `rpc.discover` returns, from the methods' declarations.
enum OpenRPCDocument {
    static func build(methods: [RPCMethod], version: String) -> JSONValue {
        var components: [String: RPCSchema] = [:]
        for method in methods { components.merge(method.components) { first, _ in first } }
        return [
            "openrpc": "1.3.2",
            "info": [
                "title": "Klage", "version": .string(version),
                "description": "Complaint handling for Danish municipalities: complaints, contacts, learning, workflows.",
            ],
            "methods": .array(methods.map(describe)),
            "components": ["schemas": .object(components.mapValues(\.json))],
        ]
    }

    private static func describe(_ method: RPCMethod) -> JSONValue {
        [
            "name": .string(method.name),
            "summary": .string(method.summary),
            "paramStructure": "by-name",
            "params": .array(method.params.map(describe)),
            "result": ["name": .string(method.name + ".result"), "schema": method.result.json],
            "errors": .array(errorCodes(for: method.access).map { ["code": .number(Double($0.0)), "message": .string($0.1)] }),
        ]
    }

    /// A param's descriptor: its kind's schema, with its default when it has one.
    private static func describe(_ param: FieldSpec) -> JSONValue {
        var schema = RPCSchema(param.kind).json
        if let value = param.defaultValue, case .object(var members) = schema {
            members["default"] = value
            schema = .object(members)
        }
        var descriptor: [String: JSONValue] = ["name": .string(param.name), "schema": schema, "required": .bool(param.required)]
        if let summary = param.summary { descriptor["summary"] = .string(summary) }
        return .object(descriptor)
    }

    private static func errorCodes(for access: RPCAccess) -> [(Int, String)] {
        var codes: [(Int, String)] = [(-32602, "Invalid params"), (-32022, "Validation failed")]
        if access != .open { codes += [(-32001, "Unauthenticated"), (-32003, "Forbidden")] }
        codes += [(-32004, "Not found"), (-32009, "Conflict")]
        return codes
    }
}

/// The OpenRPC document as `rpc.discover` returns it: an object.
struct DiscoveredDocument: WireDescribed {
    let document: JSONValue

    func encode(to encoder: any Encoder) throws {
        try document.encode(to: encoder)
    }

    static func describe(in book: SchemaBook) -> RPCSchema { .anyObject }
}
