import Foundation
public import KlageKernel

/// A place in the order deliveries are listed in (feed position, then event, then target), as the
/// opaque cursor of a page: callers pass back what they were given.
public struct DeliveryCursor: Sendable, Hashable {
    public let position: Int
    public let eventId: EventID
    public let target: String

    /// The place of `delivery`.
    public init(after delivery: Delivery) {
        position = delivery.position
        eventId = delivery.eventId
        target = delivery.target
    }

    /// The opaque text of this place.
    public var text: String {
        Data("\(position)/\(eventId.rawValue)/\(target)".utf8).base64EncodedString()
    }

    /// The place `text` names; `nil` for no cursor.
    /// - Throws: a validation error on field `cursor` for text Klage did not make.
    public static func decode(_ text: String?) throws -> DeliveryCursor? {
        guard let text else { return nil }
        let parts =
            text.count <= 512
            ? Data(base64Encoded: text).flatMap { String(data: $0, encoding: .utf8) }?.split(
                separator: "/", maxSplits: 2, omittingEmptySubsequences: false) : nil
        guard let parts, parts.count == 3, let position = Int(parts[0]), position >= 0, !parts[1].isEmpty else {
            throw KlageError.validation(field: "cursor", reason: "not a cursor from an earlier page")
        }
        return DeliveryCursor(position: position, eventId: EventID(String(parts[1])), target: String(parts[2]))
    }

    private init(position: Int, eventId: EventID, target: String) {
        self.position = position
        self.eventId = eventId
        self.target = target
    }
}
