import Foundation
import KlageKernel
import KlageStorage
import KlageTestSupport
import Testing

/// The person record of a sign-in through a tenant's identity provider (migration 19), and the
/// console sessions that belong to a person, on every available engine.
@Suite struct PersonStoreTests {
    static let issuer = "https://login.example.dk/realms/ansatte"

    func claims(_ tenant: TenantID, subject: String = "sub-anna", name: String = "Anna Jensen", roles: [Role] = [.caseworker]) -> PersonClaims {
        PersonClaims(
            tenant: tenant, issuer: Self.issuer, subject: subject, name: name, email: "anna@example.dk", roles: roles,
            departments: ["Borgerservice", "Ældre"])
    }

    @Test(arguments: StorageBackend.available)
    func aFirstSignInMakesThePersonAndALaterOneUpdatesThem(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store in
            let tenant = Fixtures.tenant()
            try await store.insertTenant(tenant)
            let first = try await store.recordSignIn(claims(tenant.id), at: Fixtures.monday)
            #expect(first.name == "Anna Jensen")
            #expect(first.roles == [.caseworker])
            #expect(first.departments == ["Borgerservice", "Ældre"])
            #expect(
                first.actor
                    == Principal(
                        id: "person:" + first.id.rawValue, tenant: tenant.id, role: .caseworker, label: "Anna Jensen",
                        departments: ["Borgerservice", "Ældre"]))

            let later = Fixtures.monday.addingTimeInterval(3600)
            let second = try await store.recordSignIn(claims(tenant.id, name: "Anna B. Jensen", roles: [.caseworker, .leader]), at: later)
            #expect(second.id == first.id)
            #expect(second.createdAt == first.createdAt)
            let stored = try #require(try await store.person(first.id))
            #expect(stored == second)
            #expect(stored.name == "Anna B. Jensen")
            #expect(stored.roles == [.leader, .caseworker])
            #expect(stored.role == .leader)
            #expect(stored.lastSeenAt == later)
            #expect(try await store.people(of: tenant.id).count == 1)
        }
    }

    @Test(arguments: StorageBackend.available)
    func theSameSubjectIsAnotherPersonInAnotherTenantOrAtAnotherIssuer(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store in
            let (one, two) = (Fixtures.tenant("kobenhavn"), Fixtures.tenant("gladsaxe"))
            try await store.insertTenant(one)
            try await store.insertTenant(two)
            let a = try await store.recordSignIn(claims(one.id), at: Fixtures.monday)
            let b = try await store.recordSignIn(claims(two.id), at: Fixtures.monday)
            let other = PersonClaims(
                tenant: one.id, issuer: "https://other.example.dk", subject: "sub-anna", name: "Anna", email: nil, roles: [], departments: [])
            let c = try await store.recordSignIn(other, at: Fixtures.monday)
            #expect(Set([a.id, b.id, c.id]).count == 3)
            #expect(c.role == nil && c.actor == nil && c.email == nil)
            #expect(try await store.people(of: one.id).map(\.id).sorted() == [a.id, c.id].sorted())
        }
    }

    @Test(arguments: StorageBackend.available)
    func aPersonsConsoleSessionKeepsTheProvidersTokenForSignOut(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store in
            let tenant = Fixtures.tenant()
            try await store.insertTenant(tenant)
            let person = try await store.recordSignIn(claims(tenant.id), at: Fixtures.monday)
            let expires = Fixtures.monday.addingTimeInterval(3600)
            try await store.insertConsoleSession(
                tokenHash: "hash-1", person: person.id, idTokenHint: "a.b.c", at: Fixtures.monday, expiresAt: expires)
            let session = try #require(
                try await store.consoleSession(tokenHash: "hash-1", now: Fixtures.monday, idleSince: Fixtures.monday.addingTimeInterval(-60)))
            #expect(session.owner == .person(person.id))
            #expect(session.idTokenHint == "a.b.c")
            #expect(session.keyHash == nil)
            // Past its end the session is gone.
            #expect(try await store.consoleSession(tokenHash: "hash-1", now: expires, idleSince: Fixtures.monday) == nil)
            #expect(try await store.deleteConsoleSession(tokenHash: "hash-1") == false)
        }
    }
}
