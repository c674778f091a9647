/// Lowercase hexadecimal text of bytes: how ids, key hashes and tokens are written.
///
/// ```swift
/// Hex.string([0xAB, 0x01])  // "ab01"
/// Hex.uuid(bytes)           // "0190a0b0-…", the canonical 8-4-4-4-12 form of 16 bytes
/// ```
public enum Hex {
    /// Two lowercase hex digits per byte, with a `-` before each byte whose offset is in `dashesBefore`.
    @inlinable
    public static func string(_ bytes: some Sequence<UInt8>, dashesBefore: Set<Int> = []) -> String {
        written(Array(bytes), dashesBefore: dashesBefore.sorted())
    }

    /// The canonical 8-4-4-4-12 form of a UUID's 16 bytes.
    public static func uuid(_ bytes: [UInt8]) -> String {
        written(bytes, dashesBefore: [4, 6, 8, 10])
    }

    /// Writes the digits straight into the string's storage (ids and hashes are made for every write).
    @usableFromInline
    static func written(_ bytes: [UInt8], dashesBefore dashes: [Int]) -> String {
        String(unsafeUninitializedCapacity: 2 * bytes.count + dashes.count) { buffer in
            var position = 0
            var nextDash = 0
            for (offset, byte) in bytes.enumerated() {
                if nextDash < dashes.count, dashes[nextDash] == offset {
                    buffer[position] = UInt8(ascii: "-")
                    position += 1
                    nextDash += 1
                }
                buffer[position] = digit(byte >> 4)
                buffer[position + 1] = digit(byte & 0x0F)
                position += 2
            }
            return position
        }
    }

    @inline(__always)
    private static func digit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
