/// A property that `Encodable` leaves out and `Decodable` reads: a record's tenant, which the API never
/// shows (a key reads its own tenant's records only), yet the store reads back with the rest of the row.
///
/// ```swift
/// struct Contact: Codable {
///     let id: ContactID
///     @NotEncoded public private(set) var tenant: TenantID   // absent from the JSON
/// }
/// ```
///
/// The record's synthesised `encode(to:)` passes the property to a keyed container, which skips it (the
/// overload below); whoever stores the record writes it from the property itself.
@propertyWrapper
public struct NotEncoded<Value: Decodable & Sendable>: Codable, Sendable {
    public var wrappedValue: Value

    public init(wrappedValue: Value) {
        self.wrappedValue = wrappedValue
    }

    /// Reads the value where the property's key is.
    public init(from decoder: any Decoder) throws {
        wrappedValue = try Value(from: decoder)
    }

    /// Encodes nothing.
    public func encode(to encoder: any Encoder) throws {}
}
extension NotEncoded: Equatable where Value: Equatable {}
extension NotEncoded: Hashable where Value: Hashable {}

extension KeyedEncodingContainer {
    /// Leaves a ``NotEncoded`` property out: no key, not even `null`.
    public mutating func encode<Value>(_ value: NotEncoded<Value>, forKey key: Key) throws {}
}
