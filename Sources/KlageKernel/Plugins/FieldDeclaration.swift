/// Anything that declares a field: a typed ``Field`` or a plain ``FieldSpec``.
public protocol FieldDeclaration: Sendable {
    /// The untyped declaration.
    var spec: FieldSpec { get }
}

extension FieldSpec: FieldDeclaration {
    /// The spec itself.
    public var spec: FieldSpec { self }
}
