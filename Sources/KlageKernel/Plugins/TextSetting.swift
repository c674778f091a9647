import Foundation

/// A text setting: words a tenant shows citizens (the privacy notice of its intake page), or a link
/// (its accessibility statement). Empty, the default, means unset.
public struct TextSetting: TenantSetting, Hashable {
    /// What the setting holds.
    public enum Kind: Sendable, Hashable {
        /// Text of at most `maxLength` characters: letters, digits, punctuation and line breaks.
        case text(maxLength: Int)
        /// An `https://` address of at most 500 characters.
        case link
    }

    /// The key, e.g. `intake.privacyNotice`.
    public let key: String
    public let kind: Kind
    /// Unset: the empty text.
    public var defaultValue: String { "" }

    public init(_ key: String, _ kind: Kind) {
        self.key = key
        self.kind = kind
    }

    /// What a valid value is.
    public var expected: String {
        switch kind {
        case .text(let maxLength): "text of at most \(maxLength) characters, without control characters"
        case .link: "an https:// address of at most 500 characters"
        }
    }

    /// The text `json` holds when valid, trimmed.
    public func parse(_ json: JSONValue) -> String? {
        guard let text = json.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        switch kind {
        case .text(let maxLength):
            let controls = text.unicodeScalars.contains { CharacterSet.controlCharacters.contains($0) && $0 != "\n" }
            return text.count <= maxLength && !controls ? text : nil
        case .link:
            guard text.utf8.count <= 500, !text.contains(where: \.isWhitespace), let url = URL(string: text), url.scheme == "https",
                url.host?.isEmpty == false
            else { return nil }
            return text
        }
    }
}
