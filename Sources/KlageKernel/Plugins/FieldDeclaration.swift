/// Anything that declares a field: a typed ``Field`` or a plain ``FieldSpec``.
public protocol FieldDeclaration: Sendable {
    /// The untyped declaration.
    var spec: FieldSpec { get }
    /// What is wrong when the declared kind does not fit the Swift type the field is read as, e.g. a
    /// `Field<Int>` declared `.text`; `nil` when it fits, and for a plain ``FieldSpec``, which is not
    /// read typed. Registration refuses a plug-in whose fields do not fit (see ``PluginRegistryBuilder``).
    var typeProblem: String? { get }
}

extension FieldSpec: FieldDeclaration {
    /// The spec itself.
    public var spec: FieldSpec { self }
    /// A plain spec is not read typed, so its kind fits.
    public var typeProblem: String? { nil }
}
