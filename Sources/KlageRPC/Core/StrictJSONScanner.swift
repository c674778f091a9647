import KlageKernel

/// The byte-level work of ``JSONParser``: one pass over the bytes, no trap on any input.
///
/// Every read goes through ``peek()``, which answers `nil` at the end, so no index runs past the
/// bytes. Every loop advances ``offset`` or throws. Recursion follows the nesting of arrays and
/// objects and stops at `maximumDepth`, so the stack never holds more than that many containers.
///
/// `depth` is the nesting depth of a container: the outermost array or object is at depth 1.
struct StrictJSONScanner {
    let bytes: [UInt8]
    let maximumDepth: Int
    /// The index of the next byte to read.
    var offset = 0

    init(bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
        // RFC 8259 §8.1: a parser may ignore a leading byte order mark.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
    }

    // MARK: Values

    /// The value starting at the next non-whitespace byte; `parentDepth` is the depth of the container holding it.
    mutating func value(parentDepth: Int) throws(RPCError) -> JSONValue {
        skipWhitespace()
        guard let byte = peek() else {
            throw failure(parentDepth == 0 ? "the body holds no JSON value" : "the body ends where a value should start")
        }
        switch byte {
        case .openBrace: return try object(depth: parentDepth + 1).value
        case .openBracket:
            return .array(try array(depth: parentDepth + 1) { scanner, depth throws(RPCError) in try scanner.value(parentDepth: depth) })
        case .quote: return .string(try string())
        case .t:
            try literal("true")
            return .bool(true)
        case .f:
            try literal("false")
            return .bool(false)
        case .n:
            try literal("null")
            return .null
        case .minus, UInt8.digit0...UInt8.digit9: return .number(try number().value)
        case 0x21..<0x7F: throw failure("unexpected character '\(Character(Unicode.Scalar(byte)))'")
        default: throw failure("unexpected byte outside a string")
        }
    }

    /// A JSON-RPC body: a batch when it is an array, else one element.
    mutating func body() throws(RPCError) -> RPCBody {
        skipWhitespace()
        guard peek() == .openBracket else { return .single(try envelope(parentDepth: 0)) }
        return .batch(try array(depth: 1) { scanner, depth throws(RPCError) in try scanner.envelope(parentDepth: depth) })
    }

    /// One element of a request body: an object keeps the literal text of its numeric `id` member.
    mutating func envelope(parentDepth: Int) throws(RPCError) -> RPCBody.Element {
        skipWhitespace()
        if peek() == .openBrace {
            let (value, idLiteral) = try object(depth: parentDepth + 1)
            return RPCBody.Element(value: value, idLiteral: idLiteral)
        }
        return RPCBody.Element(value: try value(parentDepth: parentDepth), idLiteral: nil)
    }

    /// An object at `depth`; also the literal text of its `id` member when that member is a number.
    ///
    /// A key that appears twice is an error (see ``JSONParser``).
    mutating func object(depth: Int) throws(RPCError) -> (value: JSONValue, idLiteral: String?) {
        try enter(depth)
        offset += 1  // {
        var members: [String: JSONValue] = [:]
        var idLiteral: String?
        skipWhitespace()
        if peek() == .closeBrace {
            offset += 1
            return (.object(members), nil)
        }
        while true {
            skipWhitespace()
            switch peek() {
            case .quote?: break
            case .closeBrace?: throw failure("a trailing comma before '}'")
            case nil: throw failure("the body ends inside an object")
            default: throw failure("an object key must be a string")
            }
            let keyOffset = offset
            let key = try string()
            skipWhitespace()
            guard peek() == .colon else {
                throw failure(peek() == nil ? "the body ends inside an object" : "expected ':' after an object key")
            }
            offset += 1
            let member: JSONValue
            skipWhitespace()
            if key == "id", let byte = peek(), byte == .minus || byte.isDigit {
                let (number, literal) = try number()
                member = .number(number)
                idLiteral = literal
            } else {
                member = try value(parentDepth: depth)
            }
            guard members.updateValue(member, forKey: key) == nil else {
                throw failure("a duplicate key in an object", at: keyOffset)
            }
            skipWhitespace()
            switch peek() {
            case .comma?: offset += 1
            case .closeBrace?:
                offset += 1
                return (.object(members), idLiteral)
            case nil: throw failure("the body ends inside an object")
            default: throw failure("expected ',' or '}' in an object")
            }
        }
    }

    /// An array at `depth`, each element read by `element` (given the array's depth).
    mutating func array<Element>(
        depth: Int, _ element: (inout StrictJSONScanner, Int) throws(RPCError) -> Element
    ) throws(RPCError) -> [Element] {
        try enter(depth)
        offset += 1  // [
        var elements: [Element] = []
        skipWhitespace()
        if peek() == .closeBracket {
            offset += 1
            return elements
        }
        while true {
            skipWhitespace()
            if peek() == .closeBracket { throw failure("a trailing comma before ']'") }
            elements.append(try element(&self, depth))
            skipWhitespace()
            switch peek() {
            case .comma?: offset += 1
            case .closeBracket?:
                offset += 1
                return elements
            case nil: throw failure("the body ends inside an array")
            default: throw failure("expected ',' or ']' in an array")
            }
        }
    }

    /// Checks that only whitespace follows the value.
    mutating func end() throws(RPCError) {
        skipWhitespace()
        guard offset == bytes.count else { throw failure("unexpected data after the JSON value") }
    }

    // MARK: Strings

    /// A number by RFC 8259 §6's grammar; its value (±infinity beyond `Double`'s range) and its literal text.
    mutating func number() throws(RPCError) -> (value: Double, literal: String) {
        let start = offset
        if peek() == .minus { offset += 1 }
        guard let first = peek(), first.isDigit else { throw failure("a '-' must be followed by a digit") }
        offset += 1
        if first == .digit0 {
            if let next = peek(), next.isDigit { throw failure("a number must not have leading zeros", at: start) }
        } else {
            skipDigits()
        }
        if peek() == .period {
            offset += 1
            guard let digit = peek(), digit.isDigit else { throw failure("a digit must follow the decimal point") }
            skipDigits()
        }
        if peek() == .e || peek() == .capitalE {
            offset += 1
            if peek() == .plus || peek() == .minus { offset += 1 }
            guard let digit = peek(), digit.isDigit else { throw failure("an exponent needs digits") }
            skipDigits()
        }
        let literal = String(decoding: bytes[start..<offset], as: UTF8.self)
        guard let value = Double(literal) else { throw failure("a number that cannot be read", at: start) }
        return (value, literal)
    }

    mutating func skipDigits() {
        while let byte = peek(), byte.isDigit { offset += 1 }
    }

    /// `true`, `false` or `null`, spelled exactly.
    mutating func literal(_ word: StaticString) throws(RPCError) {
        let start = offset
        for index in 0..<word.utf8CodeUnitCount {
            guard peek() == word.utf8Start[index] else { throw failure("unexpected characters", at: start) }
            offset += 1
        }
    }

    // MARK: Reading

    func peek(_ ahead: Int = 0) -> UInt8? {
        let index = offset + ahead
        return index < bytes.count ? bytes[index] : nil
    }

    /// Skips the four whitespace bytes of RFC 8259 §2: space, tab, line feed, carriage return.
    mutating func skipWhitespace() {
        while let byte = peek(), byte == .space || byte == .tab || byte == .lineFeed || byte == .carriageReturn { offset += 1 }
    }

    func enter(_ depth: Int) throws(RPCError) {
        if depth > maximumDepth { throw failure("nesting deeper than \(maximumDepth) levels") }
    }

    func failure(_ reason: String, at position: Int? = nil) -> RPCError {
        .parseError(reason, offset: position ?? offset)
    }
}

extension UInt8 {
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let colon = UInt8(ascii: ":")
    static let comma = UInt8(ascii: ",")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let period = UInt8(ascii: ".")
    static let digit0 = UInt8(ascii: "0")
    static let digit9 = UInt8(ascii: "9")
    static let b = UInt8(ascii: "b")
    static let e = UInt8(ascii: "e")
    static let capitalE = UInt8(ascii: "E")
    static let f = UInt8(ascii: "f")
    static let n = UInt8(ascii: "n")
    static let r = UInt8(ascii: "r")
    static let t = UInt8(ascii: "t")
    static let u = UInt8(ascii: "u")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    var isDigit: Bool { self >= .digit0 && self <= .digit9 }
}
