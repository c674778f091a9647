import Foundation
import KlageKernel

/// A page of items and the cursor for the next page.
public struct PageView<Item: Encodable & Sendable>: Encodable, Sendable {
    let items: [Item]
    let nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// Encodes `nextCursor` as null on the last page, as the contract promises.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }

    enum CodingKeys: String, CodingKey { case items, nextCursor }
}

extension PageView: WireDescribed, WireSample where Item: WireSample {
    public static var sample: PageView { PageView(items: [.sample], nextCursor: nil) }
}

/// A list of items without paging.
public struct ItemsView<Item: Encodable & Sendable>: Encodable, Sendable {
    let items: [Item]
}

extension ItemsView: WireDescribed, WireSample where Item: WireSample {
    public static var sample: ItemsView { ItemsView(items: [.sample]) }
}
