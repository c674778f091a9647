import Foundation
import KlageKernel
import KlageStorage
import KlageTestSupport
import Testing

@testable import KlageServer

/// The console's sign-ins under way, kept in the database so a callback may reach any instance, on
/// both engines: a state is used once, bound to its browser, expires, and a flood of starts is bounded.
@Suite struct SignInAttemptsTests {
    @Test(arguments: StorageBackend.available)
    func aSignInStateIsUsedOnceBoundToItsBrowserAndExpires(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store in
            try await store.insertTenant(Fixtures.tenant("gladsaxe"))
            let attempts = SignInAttempts(store: store, lifetime: 600, capacity: 3)
            // Another instance: the same database, its own value.
            let elsewhere = SignInAttempts(store: store)
            let now = Date()
            let started = try await attempts.start(tenant: "gladsaxe", now: now)
            #expect(try await elsewhere.take(state: started.state, binding: "not-the-cookie", now: now) == nil)
            // A wrong browser used the state up: it answers no second callback.
            #expect(try await attempts.take(state: started.state, binding: started.binding, now: now) == nil)
            let second = try await attempts.start(tenant: "gladsaxe", now: now)
            let taken = try await elsewhere.take(state: second.state, binding: second.binding, now: now)
            #expect(taken?.tenant == "gladsaxe" && taken?.nonce == second.nonce)
            #expect(SignInAttempts.challenge(for: taken?.verifier ?? "") == second.challenge)
            #expect(try await attempts.take(state: second.state, binding: second.binding, now: now) == nil)
            let late = try await attempts.start(tenant: "gladsaxe", now: now)
            #expect(try await attempts.take(state: late.state, binding: late.binding, now: now.addingTimeInterval(601)) == nil)

            // Bounded: past the capacity a start is refused as busy, until the live ones expire.
            for _ in 0..<3 { _ = try await attempts.start(tenant: "gladsaxe", now: now) }
            await #expect(throws: KlageError.unavailable("too many sign-ins under way; try again in a minute")) {
                try await attempts.start(tenant: "gladsaxe", now: now)
            }
            _ = try await attempts.start(tenant: "gladsaxe", now: now.addingTimeInterval(601))
        }
    }
}
