/// A setting that overrides a deadline's duration: `"24h"`, `"10d"`, `"8wh"` or `"5wd"`.
///
/// Give it to the ``DeadlineRule`` it overrides, so the rule's duration is the setting's default:
///
/// ```swift
/// DeadlineRule("firstContact", title: "Call the citizen back", starts: .onReceipt,
///              setting: Self.callbackDeadline, metBy: .oralContact)
/// ```
public struct DeadlineSetting: TenantSetting, Hashable {
    /// The key, e.g. `borgerkontakt.callbackDeadline`.
    public let key: String
    /// The duration when the tenant does not set one.
    public let defaultValue: DeadlineDuration

    /// Declares a deadline setting.
    public init(_ key: String, default defaultValue: DeadlineDuration) {
        self.key = key
        self.defaultValue = defaultValue
    }

    /// What a valid duration is.
    public var expected: String { "a duration such as \"24h\", \"10d\", \"8wh\" or \"5wd\" (at most 1000)" }

    /// The duration `json` spells.
    public func parse(_ json: JSONValue) -> DeadlineDuration? {
        json.stringValue.flatMap(DeadlineDuration.init)
    }
}

extension DeadlineRule {
    /// A deadline whose duration a tenant may override with a declared setting; it runs for the
    /// setting's default unless the tenant sets another.
    ///
    /// - Parameters:
    ///   - name: The deadline's name, unique within the workflow.
    ///   - title: What is due, in each language, e.g. "Ring borgeren op" and "Call the citizen back".
    ///   - start: When the clock starts.
    ///   - setting: The declared setting; register it with ``PluginRegistrar/setting(_:)``.
    ///   - completion: What meets the deadline.
    ///   - warnAt: How far into the duration the warn point lies.
    public init(
        _ name: String, title: LocalizedText, starts start: Start, setting: DeadlineSetting, metBy completion: Completion, warnAt: Double = 0.75
    ) {
        self.init(name, title: title, starts: start, duration: setting.defaultValue, setting: setting.key, metBy: completion, warnAt: warnAt)
    }
}
