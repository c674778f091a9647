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
