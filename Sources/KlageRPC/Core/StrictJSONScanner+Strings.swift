import KlageKernel

/// Strings: escapes, `\u` pairs and multi-byte UTF-8, each checked as it is read.
extension StrictJSONScanner {
    /// A string: validated UTF-8, no raw control characters, the escapes of RFC 8259 §7 only.
    mutating func string() throws(RPCError) -> String {
        let start = offset
        offset += 1  // "
        var utf8: [UInt8] = []
        while true {
            guard let byte = peek() else { throw failure("the body ends inside a string", at: start) }
            switch byte {
            case .quote:
                offset += 1
                return String(decoding: utf8, as: UTF8.self)
            case .backslash:
                try escape(into: &utf8)
            case 0x00..<0x20:
                throw failure("a control character inside a string must be escaped")
            case 0x20..<0x80:
                utf8.append(byte)
                offset += 1
            default:
                try multibyte(into: &utf8)
            }
        }
    }

    /// One escape sequence; `\uD83D\uDE00` pairs decode to one scalar, a lone surrogate is an error.
    mutating func escape(into utf8: inout [UInt8]) throws(RPCError) {
        let start = offset
        offset += 1  // \
        guard let byte = peek() else { throw failure("the body ends inside a string") }
        offset += 1
        switch byte {
        case .quote, .backslash, .slash: utf8.append(byte)
        case .b: utf8.append(0x08)
        case .f: utf8.append(0x0C)
        case .n: utf8.append(0x0A)
        case .r: utf8.append(0x0D)
        case .t: utf8.append(0x09)
        case .u:
            let unit = try hex4()
            let scalar: Unicode.Scalar?
            switch unit {
            case 0xD800...0xDBFF:
                guard peek() == .backslash, peek(1) == .u else { throw failure("a lone surrogate in a \\u escape", at: start) }
                offset += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw failure("a lone surrogate in a \\u escape", at: start) }
                scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            case 0xDC00...0xDFFF:
                throw failure("a lone surrogate in a \\u escape", at: start)
            default:
                scalar = Unicode.Scalar(unit)
            }
            guard let scalar else { throw failure("an invalid \\u escape", at: start) }
            // A NUL ends a C string: libpq would store "REF" for "REF\u0000a". Klage stores no NULs.
            if scalar.value == 0 { throw failure("U+0000 (NUL) is not accepted in a string", at: start) }
            UTF8.encode(scalar) { utf8.append($0) }
        default:
            throw failure("an invalid escape in a string", at: start)
        }
    }

    /// Four hexadecimal digits of a `\u` escape.
    mutating func hex4() throws(RPCError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek() else { throw failure("the body ends inside a string") }
            let digit: UInt8
            switch byte {
            case UInt8.digit0...UInt8.digit9: digit = byte - .digit0
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("a \\u escape needs four hexadecimal digits")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    /// One well-formed UTF-8 sequence of two to four bytes (Unicode Table 3-7): no overlong forms,
    /// no encoded surrogates, nothing past U+10FFFF, no truncated sequence.
    mutating func multibyte(into utf8: inout [UInt8]) throws(RPCError) {
        let lead = bytes[offset]
        let (continuation, second): (Int, ClosedRange<UInt8>) =
            switch lead {
            case 0xC2...0xDF: (1, 0x80...0xBF)
            case 0xE0: (2, 0xA0...0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (2, 0x80...0xBF)
            case 0xED: (2, 0x80...0x9F)
            case 0xF0: (3, 0x90...0xBF)
            case 0xF1...0xF3: (3, 0x80...0xBF)
            case 0xF4: (3, 0x80...0x8F)
            default: throw failure("invalid UTF-8")
            }
        for index in 1...continuation {
            guard let byte = peek(index), (index == 1 ? second : 0x80...0xBF).contains(byte) else {
                throw failure("invalid UTF-8")
            }
        }
        utf8.append(contentsOf: bytes[offset...offset + continuation])
        offset += continuation + 1
    }

    // MARK: Numbers and literals
}
