public import Foundation
import KlageKernel

/// One result row: column names and values, read by name with typed accessors.
public struct SQLRow: Sendable {
    private let columns: [String: Int]
    private let values: [SQLValue]

    public init(columns: [String: Int], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The raw value of a column; `.null` when the column is absent.
    public subscript(_ column: String) -> SQLValue {
        guard let index = columns[column] else { return .null }
        return values[index]
    }

    /// Whether the row has a column of that name (`NULL` or not).
    func has(_ column: String) -> Bool { columns[column] != nil }

    /// The values in column order.
    public var allValues: [SQLValue] { values }

    /// The column names in column order.
    public var columnNames: [String] {
        columns.sorted { $0.value < $1.value }.map(\.key)
    }

    /// A required text column. - Throws: ``StorageError`` when it is null or not text.
    public func string(_ column: String) throws -> String {
        guard let value = self[column].text else { throw StorageError.corruptRow(column: column) }
        return value
    }

    /// An optional text column.
    public func optionalString(_ column: String) -> String? { self[column].text }

    /// A required integer column.
    public func int(_ column: String) throws -> Int {
        guard let value = self[column].integer else { throw StorageError.corruptRow(column: column) }
        return Int(value)
    }

    /// A required time column (milliseconds since 1970).
    public func date(_ column: String) throws -> Date {
        guard let value = self[column].integer else { throw StorageError.corruptRow(column: column) }
        return Date(timeIntervalSince1970: TimeInterval(value) / 1000)
    }

    /// An optional time column.
    public func optionalDate(_ column: String) -> Date? {
        self[column].integer.map { Date(timeIntervalSince1970: TimeInterval($0) / 1000) }
    }

    /// A required column holding a raw-representable value (an id or an enum).
    public func value<T: RawRepresentable>(_ column: String, as type: T.Type = T.self) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try string(column)) else { throw StorageError.corruptRow(column: column) }
        return value
    }

    /// A required column holding JSON text, decoded.
    public func json<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        do {
            return try RowJSON.decoder.decode(T.self, from: Data(try string(column).utf8))
        } catch is DecodingError {
            throw StorageError.corruptRow(column: column)
        }
    }
}

/// The JSON coders used for JSON columns: sorted keys (stable checksums), times in milliseconds.
public enum RowJSON {
    /// Encodes JSON columns.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }()

    /// Decodes JSON columns.
    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()

    /// `value` as JSON text for a column.
    public static func text(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
