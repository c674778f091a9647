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

    /// What is wrong with the declaration itself (a default it would refuse); `nil` by default.
    var declarationProblem: String? { get }

    /// Checks the tenant's value, if any; the default names `settings.<key>` (see the extension).
    ///
    /// - Throws: ``KlageError/validation(field:reason:)`` naming the setting.
    func check(_ settings: [String: JSONValue]) throws
}

extension TenantSetting {
    /// A declaration is sound unless the setting says otherwise.
    public var declarationProblem: String? { nil }

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
