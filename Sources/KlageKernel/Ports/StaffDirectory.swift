/// Reads who the staff are: the people who sign in through the tenant's identity provider.
public protocol StaffDirectory: Sendable {
    /// The people of `tenant`, by name.
    func people(of tenant: TenantID) async throws -> [Person]
    /// The person with `id` (of any tenant), or `nil`.
    func person(_ id: PersonID) async throws -> Person?
}
