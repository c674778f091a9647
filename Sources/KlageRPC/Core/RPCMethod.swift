public import KlageKernel

/// Who may call a method.
public enum RPCAccess: Sendable, Hashable {
    /// Anyone, without an API key.
    case open
    /// Host operator keys only.
    case hostOperator
    /// Keys of a tenant holding one of these roles (admins and leaders include the roles below them).
    case tenant(Set<Role>)

    /// Every tenant role.
    public static let anyTenantRole = RPCAccess.tenant(Set(Role.tenantRoles))
}

/// A typed JSON-RPC method declaration: one declaration feeds both the dispatcher and `rpc.discover`.
///
/// ```swift
/// enum ComplaintGet: RPCMethod {
///     struct Params: Decodable, Sendable { let id: ComplaintID }
///     typealias Result = ComplaintView
///     static let name = "complaint.get"
///     static let summary = "One complaint by id."
///     static let access = RPCAccess.anyTenantRole
///     static let params = [RPCParam("id", .string, required: true)]
///     static let result = RPCSchema.ref("Complaint")
/// }
/// ```
///
/// A method only a tenant's keys may call declares ``TenantMethod`` and its `roles` instead, and its
/// handler gets a ``TenantContext`` whose tenant and actor are never `nil`.
public protocol RPCMethod {
    associatedtype Params: Decodable & Sendable
    associatedtype Result: Encodable & Sendable
    /// The method's name, e.g. `complaint.get`.
    static var name: String { get }
    /// One sentence for the OpenRPC document.
    static var summary: String { get }
    /// Who may call it.
    static var access: RPCAccess { get }
    /// Its params, by name.
    static var params: [RPCParam] { get }
    /// Its result's schema.
    static var result: RPCSchema { get }
}

/// Params for methods that take none; accepts an absent or empty params object.
public struct NoParams: Decodable, Sendable {
    public init() {}
    public init(from decoder: any Decoder) throws {}
}
