import Foundation

/// What a caseworker typed to find a complaint ("kørestol marts Jensen", or a reference).
///
/// Each word matches the start of a word in the subject, the description or the citizen's name, and
/// every word must match; the whole text also matches a complaint's id or external reference exactly.
/// Only letters and digits make words, so nothing typed is ever read as search syntax by either engine.
public struct SearchText: Sendable, Hashable {
    /// The most characters a search may hold.
    public static let maxLength = 200
    /// The most words a search may hold.
    public static let maxWords = 8

    /// The text as typed, trimmed: matched exactly against ids and external references.
    public let text: String
    /// The words, lowercased, in the order typed.
    public let words: [String]

    /// - Throws: validation for a text over 200 characters, with no letter or digit, or of more than 8 words.
    public init(_ typed: String, field: String = "q") throws {
        let text = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= Self.maxLength else {
            throw KlageError.validation(field: field, reason: "at most \(Self.maxLength) characters")
        }
        let words = text.lowercased().split { !($0.isLetter || $0.isNumber) }.map { String($0.prefix(64)) }
        guard !words.isEmpty else { throw KlageError.validation(field: field, reason: "must hold a letter or a digit") }
        guard words.count <= Self.maxWords else { throw KlageError.validation(field: field, reason: "at most \(Self.maxWords) words") }
        self.text = text
        self.words = words
    }
}
