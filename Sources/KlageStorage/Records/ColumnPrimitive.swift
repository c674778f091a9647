import Foundation

/// A Swift value a column holds as it is: text, a number, a Boolean (0 or 1) or a time (whole
/// milliseconds since 1970), as ``SQLValue`` describes.
///
/// Every other value of a record is stored through its `Codable` conformance (``ColumnEncoder``,
/// ``ColumnDecoder``): an id or an enum as its raw text, a value that encodes as an object or a list
/// as JSON text (``RowJSON``).
protocol ColumnPrimitive {
    /// The value in a column, or `nil` when the column holds something else (or `NULL`).
    init?(column: SQLValue)
    /// The value as stored.
    var column: SQLValue { get }
}

extension String: ColumnPrimitive {
    init?(column: SQLValue) {
        guard let text = column.text else { return nil }
        self = text
    }
    var column: SQLValue { .text(self) }
}

extension Bool: ColumnPrimitive {
    init?(column: SQLValue) {
        guard let number = column.integer else { return nil }
        self = number != 0
    }
    var column: SQLValue { sqlValue }
}

extension Date: ColumnPrimitive {
    init?(column: SQLValue) {
        guard let milliseconds = column.integer else { return nil }
        self = Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }
    var column: SQLValue { sqlValue }
}

extension ColumnPrimitive where Self: BinaryFloatingPoint {
    init?(column: SQLValue) {
        guard let number = column.real else { return nil }
        self.init(number)
    }
    var column: SQLValue { .real(Double(self)) }
}

extension ColumnPrimitive where Self: FixedWidthInteger {
    init?(column: SQLValue) {
        guard let number = column.integer.flatMap(Self.init(exactly:)) else { return nil }
        self = number
    }
    var column: SQLValue { Int64(exactly: self).map(SQLValue.integer) ?? .text(String(self)) }
}

extension Double: ColumnPrimitive {}
extension Float: ColumnPrimitive {}
extension Int: ColumnPrimitive {}
extension Int8: ColumnPrimitive {}
extension Int16: ColumnPrimitive {}
extension Int32: ColumnPrimitive {}
extension Int64: ColumnPrimitive {}
extension UInt: ColumnPrimitive {}
extension UInt8: ColumnPrimitive {}
extension UInt16: ColumnPrimitive {}
extension UInt32: ColumnPrimitive {}
extension UInt64: ColumnPrimitive {}

/// A coder of rows and columns, where values sit at the top: no coding path, no user info.
protocol RowCoding {}

extension RowCoding {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
}
