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

    static func schema(_ item: String) -> RPCSchema {
        .object(["items": .array(.ref(item)), "nextCursor": .nullable(.string)], required: ["items", "nextCursor"])
    }
}

/// A list of items without paging.
public struct ItemsView<Item: Encodable & Sendable>: Encodable, Sendable {
    let items: [Item]

    static func schema(_ item: String) -> RPCSchema {
        .object(["items": .array(.ref(item))], required: ["items"])
    }
}
