/// The kernel's own tenant settings, read with their ranges enforced.
///
/// Plug-ins' deadline settings (keys ending in `Deadline`) are durations such as `"24h"` or `"5wd"`.
public enum TenantSettings {
    /// A whole-number setting and its allowed range.
    public struct Number: Sendable {
        public let key: String
        public let range: ClosedRange<Int>
        public let defaultValue: Int
    }

    /// How many days after closing by agreement a complaint may be reopened.
    public static let reopenWindowDays = Number(key: "reopenWindowDays", range: 0...365, defaultValue: 14)
    /// How many days a satisfaction survey token stays valid.
    public static let surveyValidDays = Number(key: "surveyValidDays", range: 1...365, defaultValue: 30)

    /// How many failed call attempts (`reached: false`) open the written route: a letter or e-mail then meets first contact.
    public static let failedCallAttemptsBeforeWrittenRoute = Number(key: "failedCallAttemptsBeforeWrittenRoute", range: 1...20, defaultValue: 3)

    static let numbers = [reopenWindowDays, surveyValidDays, failedCallAttemptsBeforeWrittenRoute]

    /// The value of `setting` in `settings`, or its default.
    public static func value(_ setting: Number, in settings: [String: JSONValue]) -> Int {
        guard let number = settings[setting.key]?.numberValue, let value = Int(exactly: number.rounded()) else { return setting.defaultValue }
        return min(max(value, setting.range.lowerBound), setting.range.upperBound)
    }

    /// Checks every known setting. - Throws: validation naming the setting.
    public static func validate(_ settings: [String: JSONValue]) throws {
        for setting in numbers {
            guard let value = settings[setting.key] else { continue }
            guard let number = value.numberValue, let whole = Int(exactly: number), setting.range.contains(whole) else {
                throw KlageError.validation(field: "settings.\(setting.key)", reason: "a whole number from \(setting.range.lowerBound) to \(setting.range.upperBound)")
            }
        }
        for (key, value) in settings where key.hasSuffix("Deadline") {
            guard let text = value.stringValue, DeadlineDuration(text) != nil else {
                throw KlageError.validation(field: "settings.\(key)", reason: "a duration such as \"24h\", \"10d\", \"8wh\" or \"5wd\" (at most 1000)")
            }
        }
    }
}
