/// The tenant setting `closingDays`: the days the municipality closes beside the public holidays (which
/// stay built in), such as 23 December or the day after Ascension Day; at most 366, each written `YYYY-MM-DD`.
///
/// ```json
/// "closingDays": ["2026-05-15", "2026-12-23", "2027-05-07"]
/// ```
public struct ClosingDaysSetting: TenantSetting {
    /// The most closing days a tenant may list.
    public static let maxDays = 366

    public let key = "closingDays"
    public let defaultValue: Set<CalendarDate> = []

    /// Declares the setting; the kernel has one, ``TenantSettings/closingDays``.
    init() {}

    /// What a valid value is.
    public var expected: String {
        "a list of at most \(Self.maxDays) days the municipality closes beside the public holidays, each YYYY-MM-DD"
    }

    /// The days, when the list is valid.
    public func parse(_ json: JSONValue) -> Set<CalendarDate>? {
        try? days(json)
    }

    /// Checks the tenant's value, naming the offending entry.
    ///
    /// - Throws: ``KlageError/validation(field:reason:)`` naming `settings.closingDays`, or
    ///   `settings.closingDays[<index>]` for one bad or repeated day.
    public func check(_ settings: [String: JSONValue]) throws {
        guard let json = settings[key] else { return }
        _ = try days(json)
    }

    private func days(_ json: JSONValue) throws -> Set<CalendarDate> {
        guard let list = json.arrayValue, list.count <= Self.maxDays else {
            throw KlageError.validation(field: "settings.\(key)", reason: expected)
        }
        var days: Set<CalendarDate> = []
        for (index, item) in list.enumerated() {
            let field = "settings.\(key)[\(index)]"
            guard let text = item.stringValue, let day = CalendarDate(text) else {
                throw KlageError.validation(field: field, reason: "a real day written YYYY-MM-DD, e.g. \"2026-12-23\"")
            }
            guard days.insert(day).inserted else { throw KlageError.validation(field: field, reason: "\(text) is listed twice") }
        }
        return days
    }
}
