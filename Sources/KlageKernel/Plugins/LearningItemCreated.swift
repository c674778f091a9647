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
