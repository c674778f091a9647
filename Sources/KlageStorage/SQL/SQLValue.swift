public import Foundation
public import KlageKernel

/// A value bound to or read from a SQL statement, in the types both engines share.
///
/// Times are stored as whole milliseconds since 1970 (`BIGINT`), Booleans as 0 and 1.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    /// The text inside, or `nil`.
    public var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    /// The number inside as a `Double` (an integer counts too), or `nil`.
    public var real: Double? {
        switch self {
        case .real(let value): value
        case .integer(let value): Double(value)
        case .text(let value): Double(value)
        case .null: nil
        }
    }

    /// The integer inside (a whole real or numeric text counts too), or `nil`.
    public var integer: Int64? {
        switch self {
        case .integer(let value): value
        case .real(let value): Int64(exactly: value)
        case .text(let value): Int64(value)
        case .null: nil
        }
    }
}

/// A Swift value that can be bound as a SQL parameter.
public protocol SQLBindable {
    /// The value as bound.
    var sqlValue: SQLValue { get }
}

extension String: SQLBindable { public var sqlValue: SQLValue { .text(self) } }
extension Int: SQLBindable { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Int64: SQLBindable { public var sqlValue: SQLValue { .integer(self) } }
extension Double: SQLBindable { public var sqlValue: SQLValue { .real(self) } }
extension Bool: SQLBindable { public var sqlValue: SQLValue { .integer(self ? 1 : 0) } }
extension SQLValue: SQLBindable { public var sqlValue: SQLValue { self } }
extension Date: SQLBindable {
    public var sqlValue: SQLValue { .integer(Int64((timeIntervalSince1970 * 1000).rounded())) }
}
extension Identifier: SQLBindable { public var sqlValue: SQLValue { .text(rawValue) } }
extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}
extension RawRepresentable where RawValue == String {
    /// The raw string, for binding enums and ids.
    public var sqlText: SQLValue { .text(rawValue) }
}
