import Foundation

/// A tenant setting declared with its type and default: the kernel checks it on `tenant.create` and
/// `tenant.update`, and plug-ins read it typed with ``PluginContext/setting(_:)``.
///
/// ```swift
/// static let callbackDeadline = DeadlineSetting("borgerkontakt.callbackDeadline", default: .workingHours(8))
///
/// registrar.setting(Self.callbackDeadline)
/// let duration = context.setting(Self.callbackDeadline)      // DeadlineDuration
/// ```
public protocol TenantSetting: Sendable {
    /// The setting's type.
    associatedtype Value: Sendable

    /// The key in a tenant's `settings`; a plug-in's keys start with its id and a dot.
    var key: String { get }
    /// The value when the tenant does not set it.
    var defaultValue: Value { get }
    /// What a valid value is, for the validation error, e.g. `a whole number from 1 to 20`.
    var expected: String { get }

    /// The value `json` holds, or `nil` when it is not a valid value.
    func parse(_ json: JSONValue) -> Value?
}

extension TenantSetting {
    /// The tenant's value, or the default when it is unset or invalid.
    public func value(in settings: [String: JSONValue]) -> Value {
        settings[key].flatMap(parse) ?? defaultValue
    }

    /// Checks the tenant's value, if any.
    ///
    /// - Throws: ``KlageError/validation(field:reason:)`` naming `settings.<key>`.
    public func check(_ settings: [String: JSONValue]) throws {
        guard let json = settings[key] else { return }
        guard parse(json) != nil else { throw KlageError.validation(field: "settings.\(key)", reason: expected) }
    }
}

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

/// A whole-number setting within a range, e.g. how many days a plug-in waits.
public struct NumberSetting: TenantSetting, Hashable {
    /// The key, e.g. `roskilde.getBackDays`.
    public let key: String
    /// The allowed values.
    public let range: ClosedRange<Int>
    /// The number when the tenant does not set one.
    public let defaultValue: Int

    /// Declares a number setting.
    public init(_ key: String, range: ClosedRange<Int>, default defaultValue: Int) {
        precondition(range.contains(defaultValue), "the default of \(key) lies outside its range")
        self.key = key
        self.range = range
        self.defaultValue = defaultValue
    }

    /// What a valid number is.
    public var expected: String { "a whole number from \(range.lowerBound) to \(range.upperBound)" }

    /// The number `json` holds, when whole and in range.
    public func parse(_ json: JSONValue) -> Int? {
        guard let number = json.numberValue, let whole = Int(exactly: number), range.contains(whole) else { return nil }
        return whole
    }
}

extension DeadlineRule {
    /// A deadline whose duration a tenant may override with a declared setting; it runs for the
    /// setting's default unless the tenant sets another.
    ///
    /// - Parameters:
    ///   - name: The deadline's name, unique within the workflow.
    ///   - title: What is due, e.g. "Call the citizen back".
    ///   - start: When the clock starts.
    ///   - setting: The declared setting; register it with ``PluginRegistrar/setting(_:)``.
    ///   - completion: What meets the deadline.
    ///   - warnAt: How far into the duration the warn point lies.
    public init(_ name: String, title: String, starts start: Start, setting: DeadlineSetting, metBy completion: Completion, warnAt: Double = 0.75) {
        self.init(name, title: title, starts: start, duration: setting.defaultValue, setting: setting.key, metBy: completion, warnAt: warnAt)
    }
}
