/// A record's state: an enum with `String` raw values, e.g. `enum State: String, RecordState { case open, done }`.
public protocol RecordState: RawRepresentable, Codable, Sendable, Hashable where RawValue == String {}

/// The state of a record that has none.
public struct NoState: RecordState {
    /// The raw value; never stored.
    public let rawValue: String
    /// Wraps a raw value.
    public init?(rawValue: String) { self.rawValue = rawValue }
}
