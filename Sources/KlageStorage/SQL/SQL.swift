/// A SQL statement whose interpolated values become bound parameters, never text.
///
/// Written once for both engines; the connection renders `?` or `$1` placeholders for its dialect.
///
/// ```swift
/// let sql: SQL = "SELECT * FROM complaints WHERE tenant_id = \(tenant) AND id = \(id)"
/// ```
///
/// Identifiers and keywords that cannot be parameters go in with ``SQL/StringInterpolation/appendInterpolation(unsafeRaw:)``,
/// which must never carry input.
public struct SQL: Sendable, Hashable, ExpressibleByStringInterpolation {
    /// A piece of a statement.
    public enum Fragment: Sendable, Hashable {
        case text(String)
        case value(SQLValue)
    }

    public private(set) var fragments: [Fragment]

    public init(stringLiteral value: String) {
        self.fragments = [.text(value)]
    }

    public init(stringInterpolation: StringInterpolation) {
        self.fragments = stringInterpolation.fragments
    }

    /// A statement from its pieces; the text pieces must be trusted.
    init(fragments: [Fragment]) {
        self.fragments = fragments
    }

    /// SQL from trusted text alone, e.g. a migration's DDL.
    public init(unsafeSQL text: String) {
        self.fragments = [.text(text)]
    }

    /// Appends another statement piece.
    public static func + (lhs: SQL, rhs: SQL) -> SQL {
        var result = lhs
        result.fragments += rhs.fragments
        return result
    }

    /// Renders the text with a placeholder for each value, and the values in order.
    public func render(placeholder: (Int) -> String) -> (text: String, bindings: [SQLValue]) {
        var text = ""
        var bindings: [SQLValue] = []
        for fragment in fragments {
            switch fragment {
            case .text(let piece): text += piece
            case .value(let value):
                bindings.append(value)
                text += placeholder(bindings.count)
            }
        }
        return (text, bindings)
    }

    /// Renders the text with each value written in place by `literal` (for an engine that sends several
    /// statements in one message, where no parameters can be bound).
    public func renderInline(_ literal: (SQLValue) throws -> String) rethrows -> String {
        var text = ""
        for fragment in fragments {
            switch fragment {
            case .text(let piece): text += piece
            case .value(let value): text += try literal(value)
            }
        }
        return text
    }

    /// Builds the fragments of a ``SQL`` literal.
    public struct StringInterpolation: StringInterpolationProtocol {
        var fragments: [Fragment] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            fragments.reserveCapacity(interpolationCount * 2 + 1)
        }

        public mutating func appendLiteral(_ literal: String) {
            fragments.append(.text(literal))
        }

        /// Binds a value as a parameter.
        public mutating func appendInterpolation(_ value: some SQLBindable) {
            fragments.append(.value(value.sqlValue))
        }

        /// Binds an optional value as a parameter; `nil` binds SQL `NULL`.
        public mutating func appendInterpolation<Value: SQLBindable>(_ value: Value?) {
            fragments.append(.value(value?.sqlValue ?? .null))
        }

        /// Inserts another statement, keeping its values bound.
        public mutating func appendInterpolation(_ sql: SQL) {
            fragments += sql.fragments
        }

        /// Inserts trusted text (an identifier or keyword). Never pass input here.
        public mutating func appendInterpolation(unsafeRaw text: String) {
            fragments.append(.text(text))
        }
    }
}
