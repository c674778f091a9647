/// The tenant setting `workingHours`: the working hours of the weekdays it names, to the minute, in
/// Copenhagen time. The days it leaves out keep the standard hours (weekdays 08:00-16:00, Saturday and
/// Sunday closed). A day is one stretch `"HH:MM-HH:MM"`, a list of up to 4 stretches in order, or `"closed"`.
///
/// ```json
/// "workingHours": { "friday": "08:00-13:30", "wednesday": ["08:00-12:00", "12:30-17:00"], "monday": "closed" }
/// ```
public struct WorkingHoursSetting: TenantSetting {
    /// What a day's value says when the day has no working hours.
    public static let closed = "closed"

    public let key = "workingHours"
    public let defaultValue = WorkingWeek.standard

    /// Declares the setting; the kernel has one, ``TenantSettings/workingHours``.
    init() {}

    /// What a valid value is.
    public var expected: String {
        "an object mapping a weekday (monday to sunday) to its working hours: \"HH:MM-HH:MM\", a list of such stretches in order, or \"closed\""
    }

    /// The week, the days not named keeping the standard hours, when every entry is valid.
    public func parse(_ json: JSONValue) -> WorkingWeek? {
        try? week(json)
    }

    /// Checks the tenant's value, naming the offending day.
    ///
    /// - Throws: ``KlageError/validation(field:reason:)`` naming `settings.workingHours`,
    ///   `settings.workingHours.<day>` or `settings.workingHours.<day>[<index>]`.
    public func check(_ settings: [String: JSONValue]) throws {
        guard let json = settings[key] else { return }
        _ = try week(json)
    }

    private func week(_ json: JSONValue) throws -> WorkingWeek {
        guard let object = json.objectValue else { throw KlageError.validation(field: "settings.\(key)", reason: expected) }
        var hours = Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, defaultValue.hours(on: $0)) })
        for (name, value) in object.sorted(by: { $0.key < $1.key }) {
            let field = "settings.\(key).\(name.prefix(20))"
            guard let day = Weekday(rawValue: name) else {
                throw KlageError.validation(field: field, reason: "a day of the week in lowercase English: monday, tuesday, … sunday")
            }
            hours[day] = try stretches(value, field: field)
        }
        guard let week = WorkingWeek(hours) else {
            throw KlageError.validation(field: "settings.\(key)", reason: "at least one day of the week needs working hours")
        }
        return week
    }

    private func stretches(_ json: JSONValue, field: String) throws -> [OpeningHours] {
        let stretch = "working hours \"HH:MM-HH:MM\" from 00:00 to 24:00, opening before closing, e.g. \"08:00-13:30\""
        if json == .string(Self.closed) { return [] }
        if let text = json.stringValue {
            guard let hours = OpeningHours(text) else { throw KlageError.validation(field: field, reason: "\(stretch), or \"\(Self.closed)\"") }
            return [hours]
        }
        guard let list = json.arrayValue, (1...WorkingWeek.maxStretchesPerDay).contains(list.count) else {
            throw KlageError.validation(
                field: field, reason: "\(stretch); a list of 1 to \(WorkingWeek.maxStretchesPerDay) such stretches; or \"\(Self.closed)\"")
        }
        let stretches = try list.enumerated().map { index, item in
            guard let text = item.stringValue, let hours = OpeningHours(text) else {
                throw KlageError.validation(field: "\(field)[\(index)]", reason: stretch)
            }
            return hours
        }
        guard WorkingWeek.isValidDay(stretches) else {
            throw KlageError.validation(field: field, reason: "stretches in order of the day, each opening at or after the one before closes")
        }
        return stretches
    }
}
