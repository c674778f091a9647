public import Foundation

/// When a department adopted its complaint method: the tenant setting `methodAdoption`, an object from
/// department name (or `*` for every department) to a date, e.g. `{"*": "2025-09-01", "Teknik og Miljø": "2026-01-05"}`.
public enum MethodAdoption {
    /// The setting's key.
    public static let key = "methodAdoption"

    /// The adoption date of `department` (its own, else `*`) at midnight in Copenhagen.
    ///
    /// - Throws: validation naming `adoptedOn` when the tenant has none for it.
    public static func date(for department: String?, in settings: [String: JSONValue]) throws -> Date {
        let dates = settings[key]?.objectValue ?? [:]
        guard let text = (department.flatMap { dates[$0] } ?? dates["*"])?.stringValue, let date = parse(text) else {
            throw KlageError.validation(
                field: "adoptedOn",
                reason: "no adoption date for \(department.map { "'\($0)'" } ?? "the tenant"): give adoptedOn or set settings.\(key)")
        }
        return date
    }

    /// `YYYY-MM-DD` as midnight in Copenhagen, or `nil`.
    public static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10 else { return nil }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard components.isValidDate(in: ReportDay.calendar) else { return nil }
        return ReportDay.calendar.date(from: components)
    }
}
