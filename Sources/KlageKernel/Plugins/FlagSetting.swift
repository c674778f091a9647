/// A yes-or-no setting, e.g. whether closing a complaint issues its satisfaction survey.
public struct FlagSetting: TenantSetting, Hashable {
    /// The key, e.g. `surveyAtClosing`.
    public let key: String
    /// The value when the tenant does not set one.
    public let defaultValue: Bool

    /// Declares a flag setting.
    public init(_ key: String, default defaultValue: Bool) {
        self.key = key
        self.defaultValue = defaultValue
    }

    /// What a valid value is.
    public var expected: String { "true or false" }

    /// The flag `json` holds, when it is a boolean.
    public func parse(_ json: JSONValue) -> Bool? {
        json.boolValue
    }
}
