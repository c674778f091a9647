import Foundation
import KlageKernel
import KlageRPC
import KlageStorage
import KlageTestSupport
import Testing

@testable import KlageServer

/// The web console's sessions over real HTTP on both engines: sign-in with a personal key answers a
/// cookie (never stored raw), every console call is the key's (roles, access log), CSRF and Origin
/// are checked, and sessions end by sign-out, idle time, lifetime and the key's revocation.
@Suite struct ConsoleSessionTests {
    @Test(arguments: StorageBackend.available)
    func signInGivesAStrictCookieAndStoresOnlyTheTokensHash(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            var client = ConsoleClient(port: server.port)
            let reply = try await client.signIn(key)
            #expect(reply.status == 200)
            let cookie = try #require(reply.headers["set-cookie"])
            #expect(cookie.hasPrefix("klage_session="))
            for flag in ["HttpOnly", "SameSite=Strict", "Path=/"] { #expect(cookie.contains(flag)) }
            #expect(!cookie.contains("Secure"))  // plain HTTP on loopback
            #expect(reply.json?["role"] == "caseworker")
            #expect(reply.json?["tenant"]?["id"] == "kobenhavn")
            #expect(!reply.text.contains(key))
            let token = try #require(client.cookie)
            #expect(token.count == 43)
            let stored = try await server.host.store.driver.read(tenant: nil) { connection in
                try connection.query("SELECT token_hash FROM console_sessions").map { try $0.string("token_hash") }
            }
            #expect(stored == [APIKeyService.hash(token)])
            #expect(!stored.contains(token))
            // The page learns who it is after a reload, with the same CSRF token.
            let again = try await client.send("GET", "/console/session")
            #expect(again.status == 200 && again.json?["csrf"]?.stringValue == client.csrf)
        }
    }

    @Test(arguments: StorageBackend.available)
    func consoleCallsAreTheKeysCallsAndAccessLogged(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let leader = try await server.key("kobenhavn", .leader)
            let keyID = try await server.result(
                "apiKey.create", ["tenant": "kobenhavn", "role": "caseworker", "label": "Karen"], key: server.operatorKey)
            var client = ConsoleClient(port: server.port)
            try await client.signIn(try #require(keyID["key"]?.stringValue))
            let created = try await client.call("complaint.create", Fixtures.copenhagenComplaint)
            let id = try #require(created.json?["result"]?["id"]?.stringValue)
            #expect(created.headers["content-security-policy"] == ConsoleHeaders.contentSecurityPolicy)
            #expect(try await client.call("complaint.get", ["id": .string(id)]).json?["result"]?["id"]?.stringValue == id)
            // A caseworker's role does not reach the leader's reports, through the console as through /rpc.
            let report = try await client.call("report.series", ["from": "2025-01-01T00:00:00Z", "to": "2026-01-01T00:00:00Z", "interval": "month"])
            #expect(report.json?["error"]?["code"] == -32003)
            let reads = try await server.result("complaint.accessLog", ["id": .string(id)], key: leader)["reads"]?.arrayValue ?? []
            let get = try #require(reads.first { $0.string("purpose") == "complaint.get" })
            #expect(get.string("actor") == keyID["id"]?.stringValue)
            #expect(get.string("actorLabel") == "Karen")
            _ = key
        }
    }

    @Test(arguments: StorageBackend.available)
    func stateChangingRequestsNeedTheCSRFTokenAndThisOrigin(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            var client = ConsoleClient(port: server.port)
            try await client.signIn(try await server.key("kobenhavn", .caseworker))
            let missing = try await client.call("system.health", withCSRF: false)
            #expect(missing.status == 403)
            let wrong = try await client.call("system.health", headers: ["X-CSRF-Token": String(repeating: "0", count: 64)], withCSRF: false)
            #expect(wrong.status == 403)
            let foreign = try await client.call("system.health", headers: ["Origin": "https://evil.example"])
            #expect(foreign.status == 403)
            let same = try await client.call("system.health", headers: ["Origin": "http://127.0.0.1:\(server.port)"])
            #expect(same.status == 200)
            // No cookie, no session: the bearer API is elsewhere.
            var stranger = ConsoleClient(port: server.port)
            stranger.csrf = client.csrf
            #expect(try await stranger.call("system.health").status == 401)
            // Sign-out needs the token too, and sign-in refuses a foreign origin and form posts.
            #expect(try await client.send("POST", "/console/session/end", withCSRF: false).status == 403)
            let form = try await client.send(
                "POST", "/console/session", body: Data("key=x".utf8), headers: ["Content-Type": "application/x-www-form-urlencoded"],
                withCookie: false)
            #expect(form.status == 415)
            let foreignSignIn = try await client.send(
                "POST", "/console/session", body: Data("{\"key\":\"x\"}".utf8), headers: ["Origin": "https://evil.example"], withCookie: false)
            #expect(foreignSignIn.status == 403)
        }
    }

    @Test(arguments: StorageBackend.available)
    func sessionsEndBySignOutIdlenessLifetimeAndRevocation(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            let created = try await server.result(
                "apiKey.create", ["tenant": "kobenhavn", "role": "leader", "label": "Lone"], key: server.operatorKey)
            let key = try #require(created["key"]?.stringValue)
            let store = server.host.store

            var client = ConsoleClient(port: server.port)
            try await client.signIn(key)
            #expect(try await client.call("system.health").status == 200)
            let out = try await client.send("DELETE", "/console/session")
            #expect(out.status == 200)
            #expect(out.headers["set-cookie"]?.contains("Max-Age=0") == true)
            #expect(try await client.call("system.health").status == 401)
            #expect(try await client.send("GET", "/console/session").status == 401)

            try await client.signIn(key)
            let old = Date().addingTimeInterval(-ConsoleSettings().idleTimeout - 60)
            _ = try await store.driver.write(tenant: nil) { connection in try connection.execute("UPDATE console_sessions SET last_seen_at = \(old)")
            }
            #expect(try await client.call("system.health").status == 401)

            try await client.signIn(key)
            let past = Date().addingTimeInterval(-1)
            _ = try await store.driver.write(tenant: nil) { connection in try connection.execute("UPDATE console_sessions SET expires_at = \(past)") }
            #expect(try await client.call("system.health").status == 401)

            try await client.signIn(key)
            #expect(try await client.call("system.health").status == 200)
            _ = try await server.result("apiKey.revoke", ["id": created["id"]!], key: server.operatorKey)
            #expect(try await client.call("system.health").status == 401)
            #expect(try await client.signIn(key).status == 401)
        }
    }

    @Test(arguments: StorageBackend.available)
    func anotherTenantsComplaintIsNotFoundAndOnlyPeopleSignIn(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            let copenhagen = try await server.key("kobenhavn", .caseworker)
            let id = try #require(try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: copenhagen).string("id"))
            var roskilde = ConsoleClient(port: server.port)
            try await roskilde.signIn(try await server.key("roskilde", .caseworker))
            #expect(try await roskilde.call("complaint.get", ["id": .string(id)]).json?["error"]?["code"] == -32004)
            var machine = ConsoleClient(port: server.port)
            #expect(try await machine.signIn(try await server.key("kobenhavn", .integration)).status == 403)
            #expect(try await machine.signIn(server.operatorKey).status == 403)
            #expect(try await machine.signIn("klage_" + String(repeating: "x", count: 43)).status == 401)
            #expect(machine.cookie == nil)
        }
    }

    @Test(arguments: StorageBackend.available)
    func thePageAndItsFilesCarryTheSecurityHeaders(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            let client = ConsoleClient(port: server.port)
            let page = try await client.send("GET", "/")
            #expect(page.status == 200)
            #expect(page.headers["content-type"] == "text/html; charset=utf-8")
            #expect(
                page.headers["content-security-policy"]
                    == "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
            )
            #expect(page.headers["x-content-type-options"] == "nosniff")
            #expect(page.headers["referrer-policy"] == "no-referrer")
            #expect(!page.text.contains("<script>") && !page.text.contains("style="))
            let script = try await client.send("GET", "/console/js/app.js")
            #expect(script.status == 200 && script.headers["content-type"] == "text/javascript; charset=utf-8")
            let etag = try #require(script.headers["etag"])
            #expect(try await client.send("GET", "/console/js/app.js", headers: ["If-None-Match": etag]).status == 304)
            #expect(try await client.send("GET", "/console/vendor/chart.min.js").headers["content-type"] == "text/javascript; charset=utf-8")
            #expect(try await client.send("GET", "/console/vendor/chart.js-LICENSE.txt").status == 200)
            #expect(try await client.send("GET", "/console/../Package.swift").status == 404)
        }
    }

    @Test func theCookieIsSecureOnlyOverTLSOrATrustedProxy() {
        #expect(ConsoleCookie.set("t", maxAge: 60, secure: true).hasSuffix("; Secure"))
        #expect(!ConsoleCookie.set("t", maxAge: 60, secure: false).contains("Secure"))
        #expect(ConsoleCookie.token(in: "a=b; klage_session=\(String(repeating: "A", count: 43))") == String(repeating: "A", count: 43))
        #expect(ConsoleCookie.token(in: "klage_session=short") == nil)
        let settings = ConsoleSettings.fromEnvironment(["KLAGE_CONSOLE_IDLE_MINUTES": "5", "KLAGE_CONSOLE_TRUST_FORWARDED_PROTO": "1"])
        #expect(settings.idleTimeout == 300 && settings.trustForwardedProto)
        #expect(!ConsoleSettings.fromEnvironment([:]).trustForwardedProto)
    }
}
