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
        self.key = key
        self.range = range
        self.defaultValue = defaultValue
    }

    /// A default outside the range; registration refuses the plug-in with it.
    public var declarationProblem: String? {
        range.contains(defaultValue) ? nil : "setting '\(key)' has the default \(defaultValue), outside its range \(range)"
    }

    /// What a valid number is.
    public var expected: String { "a whole number from \(range.lowerBound) to \(range.upperBound)" }

    /// The number `json` holds, when whole and in range.
    public func parse(_ json: JSONValue) -> Int? {
        guard let number = json.numberValue, let whole = Int(exactly: number), range.contains(whole) else { return nil }
        return whole
    }
}
