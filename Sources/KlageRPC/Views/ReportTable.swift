import Foundation
import KlageKernel
import KlageReports

/// Reports as tables for export: one row per group or period, one column per figure, the nested
/// figures flattened with dots (`firstContact.medianHours`, `satisfaction.distribution.5`).
///
/// A group of fewer than ``minimumGroup`` complaints is suppressed: its row keeps its group and period
/// and says `suppressed`, every figure left empty, so no one can be picked out of a small group.
struct ReportTable: Sendable {
    /// The smallest group an export shows.
    static let minimumGroup = 5

    var columns: [String] = []
    var rows: [[String: JSONValue]] = []

    /// Adds a row of `figures`, with the leading `labels` (group, period).
    mutating func add(_ figures: EvidenceFigures, labels: [(String, JSONValue)]) throws {
        var row: [String: JSONValue] = [:]
        for (name, value) in labels { row[name] = value }
        let suppressed = figures.received < Self.minimumGroup
        row["suppressed"] = .bool(suppressed)
        var flat: [(String, JSONValue)] = []
        Self.flatten(try JSONParser().parse(RPCResponse.encode(figures)), prefix: "", into: &flat)
        for (name, value) in flat where name != "group" {
            row[name] = suppressed ? .null : value
        }
        if columns.isEmpty { columns = labels.map(\.0) + ["suppressed"] }
        // Escalations by clock name only the clocks that were missed: a later row may add a column.
        for name in flat.map(\.0) where name != "group" && !columns.contains(name) { columns.append(name) }
        rows.append(row)
    }

    /// CSV in `dialect`: a header row, CRLF line ends, fields quoted where they need it, and text that
    /// a spreadsheet would run as a formula neutralised (``CSVDialect``).
    func csv(_ dialect: CSVDialect = .rfc4180) -> String {
        let separator = String(dialect.separator)
        var lines = [columns.map { dialect.cell($0) }.joined(separator: separator)]
        for row in rows {
            lines.append(columns.map { dialect.cell(row[$0] ?? .null) }.joined(separator: separator))
        }
        return dialect.prefix + lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The rows as JSON objects with the same flattened names.
    var json: JSONValue { .array(rows.map(JSONValue.object)) }

    private static func flatten(_ value: JSONValue, prefix: String, into flat: inout [(String, JSONValue)]) {
        switch value {
        case .object(let object):
            for key in object.keys.sorted() { flatten(object[key]!, prefix: prefix.isEmpty ? key : "\(prefix).\(key)", into: &flat) }
        case .array(let items):
            for (index, item) in items.enumerated() { flatten(item, prefix: "\(prefix).\(index + 1)", into: &flat) }
        default:
            flat.append((prefix, value))
        }
    }
}
