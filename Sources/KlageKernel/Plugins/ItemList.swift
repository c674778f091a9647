/// The result of a list operation: `{"items": [...]}`.
///
/// ```swift
/// return ItemList(try await context.records.list(AgreedTask.self, state: .open))
/// ```
public struct ItemList<Item: Encodable & Sendable>: Encodable, Sendable {
    /// The items, in the order given.
    public let items: [Item]

    /// Wraps items.
    public init(_ items: [Item]) {
        self.items = items
    }
}
