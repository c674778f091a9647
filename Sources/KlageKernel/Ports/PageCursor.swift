import Foundation

/// The opaque cursor of a paged list: callers pass back what they were given, nothing else.
public enum PageCursor {
    /// The cursor for a page that ended at `id`.
    public static func encode(after id: String) -> String {
        Data(id.utf8).base64EncodedString()
    }

    /// The id a cursor points after; `nil` for no cursor.
    /// - Throws: validation for a cursor Klage did not make.
    public static func decode(_ cursor: String?) throws -> String? {
        guard let cursor else { return nil }
        guard cursor.count <= 128, let data = Data(base64Encoded: cursor), let id = String(data: data, encoding: .utf8),
            !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isHexDigit || $0 == "-") })
        else {
            throw KlageError.validation(field: "cursor", reason: "not a cursor from a previous page")
        }
        return id
    }
}
