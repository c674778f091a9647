public import Foundation
public import KlageKernel

/// What an identity provider's id token says of a person at sign-in, after the tenant's group mapping.
public struct PersonClaims: Sendable, Equatable {
    public let tenant: TenantID
    public let issuer: String
    public let subject: String
    public let name: String
    public let email: String?
    public let roles: [Role]
    public let departments: [String]

    public init(tenant: TenantID, issuer: String, subject: String, name: String, email: String?, roles: [Role], departments: [String]) {
        self.tenant = tenant
        self.issuer = issuer
        self.subject = subject
        self.name = name
        self.email = email
        self.roles = roles
        self.departments = departments
    }
}

extension SQLKlageStore {
    /// Records a sign-in: the person of the claims' tenant, issuer and subject is made, or their name,
    /// e-mail, roles and departments are replaced by the claims' and their last use moved to `date`.
    /// Host transaction: `people` is the host's, as `api_keys` is.
    /// - Returns: the person as stored.
    public func recordSignIn(_ claims: PersonClaims, at date: Date) async throws -> Person {
        do {
            return try await upsertPerson(claims, at: date)
        } catch let error as StorageError where error.code == .constraint {
            // Two first sign-ins of one person at once: the other made the row; update it.
            return try await upsertPerson(claims, at: date)
        }
    }

    private func upsertPerson(_ claims: PersonClaims, at date: Date) async throws -> Person {
        try await write(nil) { connection in
            let existing = try connection.fetchOne(
                Person.self,
                SQL.select(Person.self)
                    + " WHERE tenant_id = \(claims.tenant) AND issuer = \(claims.issuer) AND subject = \(claims.subject)")
            var person =
                existing
                ?? Person(
                    id: PersonID(UUID().uuidString.lowercased()), tenant: claims.tenant, issuer: claims.issuer, subject: claims.subject,
                    name: claims.name, email: claims.email, roles: claims.roles, departments: claims.departments, createdAt: date,
                    lastSeenAt: date)
            person.name = claims.name
            person.email = claims.email
            person.roles = claims.roles.sorted()
            person.departments = claims.departments.sorted()
            person.lastSeenAt = date
            try connection.execute(existing == nil ? .insert(person) : .update(person))
            return person
        }
    }
}

extension SQLKlageStore: StaffDirectory {
    /// The people of `tenant`, by name.
    public func people(of tenant: TenantID) async throws -> [Person] {
        try await read(nil) { connection in
            try connection.fetchAll(Person.self, SQL.select(Person.self) + " WHERE tenant_id = \(tenant) ORDER BY name, id")
        }
    }

    /// The person with `id`, or `nil`.
    public func person(_ id: PersonID) async throws -> Person? {
        try await read(nil) { connection in
            try connection.fetchOne(Person.self, SQL.select(Person.self) + " WHERE id = \(id)")
        }
    }
}
