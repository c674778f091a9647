public import Foundation
import KlageKernel

/// An RFC 3339 time in params; decoding a malformed one fails with the field named.
public struct RPCTime: Decodable, Sendable, Hashable {
    public let date: Date

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = Timestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "must be an RFC 3339 time, e.g. 2026-11-25T09:30:00Z")
        }
        self.date = date
    }
}
