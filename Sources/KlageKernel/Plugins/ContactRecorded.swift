/// `contact.recorded`: a contact with the citizen was recorded on a complaint.
public struct ContactRecorded: PluginEvent {
    /// `contact.recorded`.
    public static let type: EventType = .contactRecorded
    /// The stored event.
    public let event: DomainEvent
    /// The contact just recorded, with its fields.
    public let contact: Contact
    /// The complaint it was recorded on.
    public var complaintId: ComplaintID { contact.complaintId }

    /// The contact passed along with the event, or the one the event names.
    public static func payload(of published: PublishedEvent, in context: PluginContext) async throws -> ContactRecorded? {
        if let contact = published.contact { return ContactRecorded(event: published.event, contact: contact) }
        guard let complaintId = published.event.complaintId, let contactId = published.event.data["contactId"]?.stringValue,
            let contact = try await context.complaints.contacts(of: complaintId).first(where: { $0.id.rawValue == contactId })
        else { return nil }
        return ContactRecorded(event: published.event, contact: contact)
    }
}
