import Foundation

/// Finds what looks like personal data in free text meant to be shared: CPR numbers, phone numbers
/// and e-mail addresses.
///
/// Learning items (and survey comments) are shared across the organisation, so they must carry no
/// personal data. The filter refuses the patterns that can be told apart from ordinary text:
///
/// | found | examples refused | examples kept |
/// | --- | --- | --- |
/// | CPR number | `010203-1234`, `010203 1234`, `0102031234` | `ESDH-2026-0001`, `25-11-2026` |
/// | phone number | `12345678`, `12 34 56 78`, `1234 5678`, `+45 12 34 56 78`, `004512345678`, `+44 20 7946 0958` | `2026`, `kr. 1.500`, `1.500.000`, `112` |
/// | e-mail address | `jens@example.dk` | `@kommunen` |
///
/// **Names cannot be detected reliably** (a name is an ordinary word: "Birk", "Hansen", "Skov"), so
/// the filter does not try; whoever writes a learning item must leave names out. Any eight-digit
/// number (also as `12 34 56 78` or `1234 5678`) is taken for a Danish phone number even when it
/// is something else (a compact date such as `20261125`); write such numbers with `-` or `.` instead.
///
/// ```swift
/// PersonalDataFilter.firstFinding(in: "Call 12 34 56 78 back")  // .phoneNumber
/// PersonalDataFilter.firstFinding(in: "Plans were late in 2026") // nil
/// ```
public enum PersonalDataFilter {
    /// A kind of personal data the filter recognises. The value itself is never kept or echoed.
    public enum Finding: String, Sendable, Hashable, CaseIterable {
        case cprNumber = "a CPR number"
        case phoneNumber = "a phone number"
        case emailAddress = "an e-mail address"
    }

    /// The first kind of personal data found in `text`, checked in the order e-mail, phone number
    /// with a country prefix, CPR number, phone number; `nil` when none is found.
    public static func firstFinding(in text: String) -> Finding? {
        let range = NSRange(text.startIndex..., in: text)
        for (finding, pattern) in patterns where pattern.firstMatch(in: text, range: range) != nil {
            return finding
        }
        return nil
    }

    /// Digits not glued to other digits, nor to a decimal or thousands separator followed by digits.
    private static let start = #"(?<![\d])(?<!\d[.,])"#
    private static let end = #"(?![\d])(?![.,]\d)"#

    /// The patterns, in the order they are tried. Built once; `NSRegularExpression` is thread-safe.
    nonisolated(unsafe) private static let patterns: [(Finding, NSRegularExpression)] = [
        (.emailAddress, #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"#),
        // +45 / 0045 and eight digits in any grouping of spaces, dots or hyphens.
        (.phoneNumber, #"(?<![\d+])(?:\+|00)\s?45[\s.\-]?(?:\d[\s.\-]?){7}\d"# + end),
        // Any other international number: + and 7 to 15 digits, grouped by spaces, hyphens or brackets.
        (.phoneNumber, #"(?<![\w+])\+\s?\d(?:[\s\-()]{0,2}\d){6,14}"# + end),
        // DDMMYY-XXXX, DDMMYY XXXX, or ten digits.
        (.cprNumber, start + #"\d{6}[\-\s]?\d{4}"# + end),
        // A Danish number without a prefix: 12345678, 12 34 56 78, 1234 5678.
        (.phoneNumber, start + #"(?:\d{8}|\d{2} \d{2} \d{2} \d{2}|\d{4} \d{4})"# + end),
    ].map { finding, pattern in
        // The patterns are constants: failing to compile one is a programmer mistake.
        (finding, try! NSRegularExpression(pattern: pattern))
    }
}
