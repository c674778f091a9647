import Foundation

/// Input rules shared by every service: lengths, formats and personal-data checks.
///
/// Each rule throws ``KlageError/validation(field:reason:)`` naming the field.
public enum Validate {
    /// A required text: trimmed, non-empty, at most `max` characters and ``maximumBytes(_:)`` bytes.
    @discardableResult
    public static func text(_ value: String, field: String, max: Int) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw KlageError.validation(field: field, reason: "must not be empty") }
        try length(trimmed, field: field, max: max)
        return trimmed
    }

    /// At most `max` characters, and at most ``maximumBytes(_:)`` bytes of UTF-8: a character can be a
    /// long cluster of combining marks, so counting characters alone does not bound the size.
    public static func length(_ value: String, field: String, max: Int) throws {
        if value.utf8.count > maximumBytes(max) || value.count > max {
            throw KlageError.validation(field: field, reason: "must be at most \(max) characters (\(maximumBytes(max)) bytes of UTF-8)")
        }
    }

    /// The UTF-8 bytes a text of `characters` characters may take: four per character, as the widest
    /// single scalar does.
    public static func maximumBytes(_ characters: Int) -> Int { characters * 4 }

    /// An optional text: `nil` and blank become `nil`; otherwise as ``text(_:field:max:)``.
    public static func optionalText(_ value: String?, field: String, max: Int) throws -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return try text(value, field: field, max: max)
    }

    /// A phone number: digits, spaces and an optional leading `+`, 6 to 20 characters.
    public static func phone(_ value: String?, field: String) throws -> String? {
        guard let value = try optionalText(value, field: field, max: 20) else { return nil }
        let digits = value.hasPrefix("+") ? value.dropFirst() : Substring(value)
        guard value.count >= 6, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == " ") }) else {
            throw KlageError.validation(field: field, reason: "must be a phone number (digits, spaces, optional leading +)")
        }
        return value
    }

    /// An e-mail address: one `@` with text on both sides, at most 254 characters.
    public static func email(_ value: String?, field: String) throws -> String? {
        guard let value = try optionalText(value, field: field, max: 254) else { return nil }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !value.contains(" ") else {
            throw KlageError.validation(field: field, reason: "must be an e-mail address")
        }
        return value
    }

    /// A CPR number: `DDMMYY-SSSS` or ten digits, with a real birth date (``CPRNumber``); stored as ten digits.
    /// The modulus-11 check is not applied (numbers issued since 2007 may fail it).
    public static func cpr(_ value: String?, field: String) throws -> String? {
        guard let value = try optionalText(value, field: field, max: 11) else { return nil }
        guard let digits = CPRNumber.normalised(value) else {
            throw KlageError.validation(field: field, reason: "must be a CPR number: DDMMYY-SSSS or ten digits, with a valid birth date")
        }
        return digits
    }

    /// A page size between 1 and 500; 50 when absent.
    public static func limit(_ value: Int?, field: String = "limit") throws -> Int {
        guard let value else { return 50 }
        guard (1...500).contains(value) else { throw KlageError.validation(field: field, reason: "must be between 1 and 500") }
        return value
    }

    /// Plug-in fields: at most 50 members and 64 KiB encoded, keys of letters, digits, `_` and `.`.
    public static func fields(_ value: [String: JSONValue]?, field: String = "fields") throws -> [String: JSONValue] {
        guard let value else { return [:] }
        if value.count > 50 { throw KlageError.validation(field: field, reason: "at most 50 fields") }
        for key in value.keys
        where key.isEmpty || key.count > 64 || !key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }) {
            throw KlageError.validation(field: field, reason: "field names are 1-64 letters, digits, '_' or '.'")
        }
        let size = (try? JSONEncoder().encode(value).count) ?? 0
        if size > 65_536 { throw KlageError.validation(field: field, reason: "at most 64 KiB") }
        return value
    }

    /// Text that must carry no personal data: refuses what looks like a CPR number, a phone number or
    /// an e-mail address, naming what was found but never echoing it.
    ///
    /// Names cannot be detected reliably and are not looked for; see ``PersonalDataFilter`` for
    /// what is refused and what ordinary text (years, amounts, dates, case numbers) is kept.
    ///
    /// ```swift
    /// try Validate.freeOfPersonalData("Call 12 34 56 78 back", field: "insight")
    /// // throws: invalid field 'insight': contains what looks like a phone number; …
    /// ```
    /// - Throws: ``KlageError/validation(field:reason:)`` naming the field and the kind of data found.
    public static func freeOfPersonalData(_ value: String, field: String) throws {
        if let finding = PersonalDataFilter.firstFinding(in: value) {
            throw KlageError.validation(
                field: field,
                reason: "contains what looks like \(finding.rawValue); it must carry no personal data (leave out names too)")
        }
    }
}
