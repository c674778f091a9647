import Foundation

/// An event a plug-in can hook with its typed payload: ``ContactRecorded``, ``LearningItemCreated``.
///
/// ```swift
/// registrar.on(ContactRecorded.self) { recorded, context in
///     guard recorded.contact.reached else { return }
///     …
/// }
/// ```
public protocol PluginEvent: Sendable {
    /// The type of the stored event this payload comes with.
    static var type: EventType { get }

    /// The payload of a published event of ``type``, or `nil` when it has none (the hook is then skipped).
    ///
    /// - Parameters:
    ///   - published: The stored event and what the kernel passed along with it.
    ///   - context: The hook's context, to load what was not passed along.
    static func payload(of published: PublishedEvent, in context: PluginContext) async throws -> Self?
}

/// A stored event as the kernel publishes it to hooks, with the record it concerns when the kernel
/// has it at hand.
public struct PublishedEvent: Sendable {
    /// The stored event.
    public let event: DomainEvent
    let contact: Contact?
    let learningItem: LearningItem?

    init(_ event: DomainEvent, contact: Contact? = nil, learningItem: LearningItem? = nil) {
        self.event = event
        self.contact = contact
        self.learningItem = learningItem
    }
}

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

/// `learning.created`: a learning item was created (`learning.create`, or closing a complaint with `learning`).
public struct LearningItemCreated: PluginEvent {
    /// `learning.created`.
    public static let type: EventType = .learningCreated
    /// The stored event.
    public let event: DomainEvent
    /// The learning item just created.
    public let item: LearningItem

    /// The item passed along with the event, or the one the event names.
    public static func payload(of published: PublishedEvent, in context: PluginContext) async throws -> LearningItemCreated? {
        if let item = published.learningItem { return LearningItemCreated(event: published.event, item: item) }
        guard let id = published.event.learningItemId else { return nil }
        return LearningItemCreated(event: published.event, item: try await context.learning.get(id))
    }
}
