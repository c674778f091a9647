import KlageKernel

/// The OpenRPC schemas of the kernel records the API returns as they are (their `Encodable` shape).
extension RPCSchema {
    /// A ``KlageKernel/Contact``: what ``KlageKernel/NewContact`` declares, and what the server adds.
    static let contact = RPCSchema.record(
        NewContact.params, adding: ["id": .string, "recordedBy": .string, "createdAt": .dateTime], alwaysThere: ["reached", "fields"])

    /// A ``KlageKernel/LearningItem``.
    static let learningItem = RPCSchema.object(
        [
            "id": .string, "complaintId": .nullable(.string), "title": .string, "insight": .string, "department": .nullable(.string),
            "tags": .array(.string), "state": .string, "version": .integer(), "createdAt": .dateTime, "updatedAt": .dateTime,
        ], required: ["id", "title", "insight", "tags", "state", "version", "createdAt"])

    /// A ``KlageKernel/Tenant``.
    static let tenant = RPCSchema.object(
        [
            "id": .string, "name": .string, "plugins": .array(.string), "settings": .anyObject, "createdAt": .dateTime,
        ], required: ["id", "name", "plugins", "settings", "createdAt"])

    /// A ``KlageKernel/EffortEntry``.
    static let effort = RPCSchema.object(
        [
            "id": .string, "complaintId": .string, "minutes": .integer(minimum: 1, maximum: 1_440), "activity": .nullable(.string),
            "recordedBy": .string, "at": .dateTime, "createdAt": .dateTime,
        ], required: ["id", "complaintId", "minutes", "recordedBy", "at", "createdAt"])

    /// A ``KlageKernel/Baseline``; a figure not entered is absent.
    static let baseline = RPCSchema.object(
        [
            "department": .nullable(.string), "from": .dateTime, "to": .dateTime, "received": .nullable(.integer(minimum: 0)),
            "appealsForwarded": .nullable(.integer(minimum: 0)), "medianDaysToClose": .nullable(.number),
            "satisfactionMean": .nullable(.number), "source": .nullable(.string), "updatedAt": .dateTime,
        ], required: ["from", "to", "updatedAt"])

    /// A ``KlageKernel/DomainEvent`` on a journey.
    static let event = RPCSchema.object(
        [
            "id": .string, "at": .dateTime, "type": .string, "actor": .string, "summary": .string, "data": .anyObject,
        ], required: ["id", "at", "type", "actor", "summary"])
}

extension RPCSchema {
    /// The schema of a record made from declared fields plus the properties the server sets (all present);
    /// an optional field is absent or null unless it is `alwaysThere` (one with a default).
    static func record(_ fields: [FieldSpec], adding serverSet: [String: RPCSchema], alwaysThere: Set<String> = []) -> RPCSchema {
        var properties = serverSet
        for field in fields {
            let schema = RPCSchema(field.kind)
            properties[field.name] = field.required || alwaysThere.contains(field.name) ? schema : .nullable(schema)
        }
        let required = serverSet.keys + fields.filter { $0.required || alwaysThere.contains($0.name) }.map(\.name)
        return .object(properties, required: required.sorted())
    }
}
