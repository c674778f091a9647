import Foundation
import KlageKernel

/// Time-ordered ids (UUIDv7 layout) stamped with the time a demo record happened, with random bits from
/// the seeded generator, so that the same seed makes the same ids and ids sort as the records' times do.
enum DemoIDs {
    /// An id for a record that happened at `date`.
    static func next<Subject>(at date: Date, using random: inout DemoRandom) -> Identifier<Subject> {
        Identifier(uuidV7(at: date, using: &random))
    }

    /// A UUIDv7 string for `date`, random bits from `random`.
    static func uuidV7(at date: Date, using random: inout DemoRandom) -> String {
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        let high = random.next()
        let low = random.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - index))) }
        for index in 6..<8 { bytes[index] = UInt8(truncatingIfNeeded: high >> (8 * index)) }
        for index in 8..<16 { bytes[index] = UInt8(truncatingIfNeeded: low >> (8 * (index - 8))) }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return Hex.uuid(bytes)
    }

    /// 64 random hex digits, e.g. a survey's token hash.
    static func hex256(using random: inout DemoRandom) -> String {
        var bytes: [UInt8] = []
        for _ in 0..<4 {
            let word = random.next()
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return Hex.string(bytes)
    }
}
