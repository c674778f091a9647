import Foundation
public import KlageKernel

/// A result type whose JSON Schema `rpc.discover` lists, worked out from the type itself, so that the
/// type that encodes a result is the one place its shape is written.
///
/// Most types are a ``WireSample``: their schema is recorded by encoding a sample once. A type can
/// also describe itself outright (a schema too loose to record, such as a plug-in's free-form result).
public protocol WireDescribed: Encodable, Sendable {
    /// The type's schema; a named type (``WireComponent``) adds itself to `book` and returns a reference.
    static func describe(in book: SchemaBook) -> RPCSchema
}

/// A result type described by encoding a sample of it (``SchemaBook/record(_:)``).
///
/// The sample should hold one element in each list and a value in each optional struct: an empty
/// list or a `nil` of a struct type says nothing of its shape, so its type must then be described on
/// its own (a ``WireDescribed``). A `nil` of a plain type (text, number, time, an enum) needs nothing.
/// What the encoder writes with `encodeIfPresent` (an optional property) is optional in the schema;
/// the rest is required, and an `Optional` encoded as such (`null` when absent) is nullable.
public protocol WireSample: WireDescribed {
    /// A value of the type, holding every part of its shape.
    static var sample: Self { get }
}

extension WireSample {
    /// The schema recorded from ``sample``.
    public static func describe(in book: SchemaBook) -> RPCSchema {
        book.record(sample)
    }
}

/// A ``WireSample`` listed once in the document's `components.schemas` under a name, and referred to.
public protocol WireComponent: WireSample {
    /// The name in `components.schemas`, e.g. `Complaint`.
    static var componentName: String { get }
}

extension WireComponent {
    /// A reference to the component, which is recorded from ``WireSample/sample`` the first time.
    public static func describe(in book: SchemaBook) -> RPCSchema {
        book.component(componentName) { $0.record(sample) }
    }
}

extension String: WireDescribed {
    public static func describe(in book: SchemaBook) -> RPCSchema { .string }
}

extension Int: WireDescribed {
    public static func describe(in book: SchemaBook) -> RPCSchema { .integer() }
}

extension Bool: WireDescribed {
    public static func describe(in book: SchemaBook) -> RPCSchema { .boolean }
}

extension JSONValue: WireDescribed {
    public static func describe(in book: SchemaBook) -> RPCSchema { .anyJSON }
}

extension Array: WireDescribed where Element: WireDescribed {
    public static func describe(in book: SchemaBook) -> RPCSchema { .array(Element.describe(in: book)) }
}

extension ExplicitNull: WireDescribed {
    /// The value's schema or `null`; always present.
    public static func describe(in book: SchemaBook) -> RPCSchema { .nullable(book.describe(type: Value.self)) }
}
