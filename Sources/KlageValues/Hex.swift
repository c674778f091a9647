/// Lowercase hexadecimal text of bytes: how ids, key hashes and tokens are written.
///
/// ```swift
/// Hex.string([0xAB, 0x01])  // "ab01"
/// Hex.uuid(bytes)           // "0190a0b0-…", the canonical 8-4-4-4-12 form of 16 bytes
/// ```
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Two lowercase hex digits per byte, with a `-` before each byte whose offset is in `dashesBefore`.
    public static func string(_ bytes: some Sequence<UInt8>, dashesBefore: Set<Int> = []) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(2 * bytes.underestimatedCount + dashesBefore.count)
        for (offset, byte) in bytes.enumerated() {
            if !dashesBefore.isEmpty, dashesBefore.contains(offset) { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The canonical 8-4-4-4-12 form of a UUID's 16 bytes.
    public static func uuid(_ bytes: [UInt8]) -> String {
        string(bytes, dashesBefore: [4, 6, 8, 10])
    }
}
