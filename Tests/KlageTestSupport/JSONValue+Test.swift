public import Foundation
public import KlageKernel

extension JSONValue {
    /// Parses JSON text; traps on invalid JSON (a test bug).
    public static func parse(_ data: Data) -> JSONValue {
        (try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .null
    }

    /// An integer member's value, for assertions.
    public func int(_ key: String) -> Int? {
        self[key]?.numberValue.map { Int($0) }
    }

    /// A string member's value, for assertions.
    public func string(_ key: String) -> String? {
        self[key]?.stringValue
    }
}
