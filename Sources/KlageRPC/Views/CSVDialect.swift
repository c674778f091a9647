import Foundation
import KlageKernel

/// How `report.export` writes CSV: RFC 4180 (`,`, decimal point, no byte-order mark), or as Danish
/// Excel opens a file with a double click (`;`, decimal comma, a UTF-8 byte-order mark so æ, ø and å
/// are read as UTF-8).
///
/// Either way, a text cell that a spreadsheet would take for a formula (it starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) is written with a single quote in front, as OWASP advises against
/// CSV injection; numbers stay numbers, so `-3` is still a number.
enum CSVDialect: String, Sendable, Codable, CaseIterable {
    case rfc4180
    case excelDanish = "excel-da"

    /// The field separator.
    var separator: Character { self == .excelDanish ? ";" : "," }
    /// What the file starts with: the UTF-8 byte-order mark for Excel, nothing otherwise.
    var prefix: String { self == .excelDanish ? "\u{FEFF}" : "" }

    /// One cell of `value`, neutralised and quoted as this dialect needs.
    func cell(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .bool(let bool): bool ? "true" : "false"
        case .number(let number): numeral(number)
        case .string(let string): quoted(Self.neutralised(string))
        default: ""
        }
    }

    /// A header or label cell given as text.
    func cell(_ text: String) -> String { quoted(Self.neutralised(text)) }

    /// A number as the dialect writes it: whole numbers without decimals, a decimal comma for Excel.
    private func numeral(_ number: Double) -> String {
        let text = number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
        return self == .excelDanish ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// `text` in quotes when it holds the separator, a quote or a line break; as is otherwise.
    private func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == separator || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The characters that make a spreadsheet read a cell as a formula when it starts with one.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// `text` with a single quote in front when it starts like a formula.
    static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, formulaStarts.contains(Character(first)) else { return text }
        return "'" + text
    }
}
