public import Foundation
import KlageKernel
public import Logging

/// How the log is written: `text`, swift-log's `key=value` lines for a person at a terminal, or `json`,
/// one JSON object per line for a log collector (Loki, Elasticsearch, journald's JSON export).
public enum LogFormat: String, Codable, Sendable, CaseIterable {
    case text, json
}

/// A swift-log handler writing each entry as one JSON object on one line:
/// `{"time":"2026-12-07T16:40:00.125Z","level":"info","label":"klage","message":"rpc call","request.id":"…",
/// "rpc.method":"complaint.create","tenant":"roskilde","outcome":"ok","ms":1.8}`.
///
/// The entry's metadata become the object's fields beside `time`, `level`, `label` and `message`; a
/// number given as `.stringConvertible` stays a number. What goes in is what the code logs, and Klage
/// logs no personal data (no params, no bodies, no names, phone or CPR numbers): this handler only
/// changes the shape.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let write: @Sendable (String) -> Void

    /// A handler for `label` that hands each finished line (with its newline) to `write`.
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.write = write
    }

    /// A handler writing to standard error, a line at a time.
    public static func standardError(label: String) -> JSONLogHandler {
        JSONLogHandler(label: label) { line in
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let explicit = event.metadata { fields.merge(explicit) { _, new in new } }
        var text = #"{"time":"# + Self.quoted(Timestamp.format(Date())) + #","level":"# + Self.quoted(event.level.rawValue)
        text += #","label":"# + Self.quoted(label) + #","message":"# + Self.quoted(event.message.description)
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) where !["time", "level", "label", "message"].contains(key) {
            text += "," + Self.quoted(key) + ":" + Self.json(value)
        }
        write(text + "}\n")
    }

    private static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): return quoted(text)
        case .stringConvertible(let number as any BinaryInteger): return number.description
        case .stringConvertible(let number as Double) where number.isFinite: return number.description
        case .stringConvertible(let other): return quoted(other.description)
        case .array(let items): return "[" + items.map(json).joined(separator: ",") + "]"
        case .dictionary(let entries):
            return "{" + entries.sorted { $0.key < $1.key }.map { quoted($0.key) + ":" + json($0.value) }.joined(separator: ",") + "}"
        }
    }

    /// `text` as a JSON string (RFC 8259 §7): quote, backslash and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u00" + String(scalar.value, radix: 16).leftPadded(to: 2)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
