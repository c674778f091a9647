public import Foundation
import Synchronization

/// Ids derived from a seed: UUIDv7-shaped, stamped with a fixed instant, counting up from 0, the
/// rest a hash of the seed and the count.
///
/// A plug-in hook runs in a context whose ids are derived from its delivery (the event's id and the
/// hook's key), so a hook that runs again for the same event creates the same ids, and the store
/// keeps the first copy of each (`ON CONFLICT DO NOTHING`): at-least-once delivery, written once.
public final class DerivedIDs: Sendable {
    private let seed: String
    private let millis: UInt64
    private let count = Mutex<UInt16>(0)

    /// Ids for `seed`, stamped with `date`.
    public init(seed: String, at date: Date) {
        self.seed = seed
        self.millis = UInt64(max(0, date.timeIntervalSince1970 * 1000))
    }

    /// The next id of the sequence.
    public func next() -> String {
        let counter = count.withLock { value -> UInt16 in
            defer { value = value &+ 1 }
            return value & 0xFFF
        }
        let high = Self.fnv1a("\(seed)#\(counter)", basis: 0xcbf2_9ce4_8422_2325)
        let low = Self.fnv1a("\(counter)#\(seed)", basis: 0x8422_2325_cbf2_9ce4)
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - index)))
        }
        bytes[6] = 0x70 | UInt8(counter >> 8)
        bytes[7] = UInt8(truncatingIfNeeded: counter)
        for index in 0..<8 {
            bytes[8 + index] = UInt8(truncatingIfNeeded: (index < 4 ? high : low) >> (8 * (index % 4) + 16))
        }
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return Hex.uuid(bytes)
    }

    /// 64-bit FNV-1a over the UTF-8 of `text`.
    private static func fnv1a(_ text: String, basis: UInt64) -> UInt64 {
        var hash = basis
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
