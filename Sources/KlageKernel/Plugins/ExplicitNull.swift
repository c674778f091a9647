/// An optional property of an operation's result that is encoded as `null` when absent, where
/// `Encodable` would leave the key out.
///
/// ```swift
/// struct Summary: Encodable {
///     @ExplicitNull var headcount: Int?      // "headcount": null
/// }
/// ```
@propertyWrapper
public struct ExplicitNull<Value: Encodable & Sendable>: Encodable, Sendable {
    /// The value, or `nil` for `null`.
    public var wrappedValue: Value?

    /// Wraps a value.
    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    /// Encodes the value, or `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
extension ExplicitNull: Hashable where Value: Hashable {}
extension ExplicitNull: Equatable where Value: Equatable {}
