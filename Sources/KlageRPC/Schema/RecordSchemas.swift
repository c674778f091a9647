import KlageKernel

/// The OpenRPC schemas of the kernel records the API returns as they are (their `Encodable` shape).
extension RPCSchema {
    /// A ``KlageKernel/Contact``.
    static let contact = RPCSchema.object(
        [
            "id": .string, "complaintId": .string, "kind": .oneOf(ContactKind.allCases.map(\.rawValue)), "occurredAt": .dateTime,
            "recordedBy": .string, "summary": .string, "agreement": .nullable(.string), "fields": .anyObject, "createdAt": .dateTime,
        ], required: ["id", "complaintId", "kind", "occurredAt", "recordedBy", "summary", "fields", "createdAt"])

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

    /// A ``KlageKernel/DomainEvent`` on a journey.
    static let event = RPCSchema.object(
        [
            "id": .string, "at": .dateTime, "type": .string, "actor": .string, "summary": .string, "data": .anyObject,
        ], required: ["id", "at", "type", "actor", "summary"])
}
