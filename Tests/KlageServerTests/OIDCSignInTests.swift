import AsyncHTTPClient
import Foundation
import KlageKernel
import KlageStorage
import KlageTestSupport
import Logging
import NIOCore
import NIOHTTP1
import Synchronization
import Testing

@testable import KlageServer

/// The console's sign-in through a tenant's OpenID Connect provider, end to end over loopback: the start
/// door, the provider (``TestIdentityProvider``), the callback, the session, the calls it makes and
/// the access log that names the person; and the doors' refusals.
@Suite struct OIDCSignInTests {
    /// The demo tenants, Gladsaxe signing in through `provider`.
    static func tenants(_ provider: TestIdentityProvider, breakGlass: Bool = false) throws -> [ServerConfiguration.TenantSeed] {
        let secret = TemporaryFolder.make().appendingPathComponent("oidc-secret")
        try Data("s3cret-of-the-client\n".utf8).write(to: secret)
        return TestServer.demoTenants.map { seed in
            var seed = seed
            if seed.id == "gladsaxe" {
                seed.identityProvider = IdentityProviderSettings(
                    issuer: provider.issuer, clientId: "klage", clientSecretFile: secret.path,
                    redirectURI: "http://127.0.0.1:1/console/oidc/callback",
                    groups: [
                        "klage-sagsbehandlere": .init(roles: ["caseworker"], departments: ["Borgerservice"]),
                        "klage-ledere": .init(roles: ["leader"], departments: ["Ledelse"]),
                    ], breakGlassKeys: breakGlass)
            }
            return seed
        }
    }

    /// A client that does not follow redirects, so each step of the round-trip is seen.
    static let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))

    struct Reply {
        let status: Int
        let location: String?
        let cookies: [String]
        let body: String
    }

    static func get(_ url: String, cookie: String? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        let response = try await http.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return Reply(
            status: Int(response.status.code), location: response.headers.first(name: "Location"), cookies: response.headers["Set-Cookie"],
            body: String(buffer: body))
    }

    /// Signs in through the provider: start, the provider's redirect back, the callback (on `other`, another
    /// instance, when given). - Returns: the callback's reply.
    static func signIn(_ server: TestServer, tenant: String = "gladsaxe", finishingOn other: TestServer? = nil) async throws -> (
        reply: Reply, session: String?
    ) {
        let start = try await get("http://127.0.0.1:\(server.port)/console/oidc/start?tenant=\(tenant)")
        let base = "http://127.0.0.1:\((other ?? server).port)"
        #expect(start.status == 303)
        let binding = try #require(start.cookies.first { $0.hasPrefix("klage_signin=") })
        #expect(binding.contains("HttpOnly") && binding.contains("SameSite=Lax") && binding.contains("Path=/console/oidc"))
        let authorize = try await get(try #require(start.location))
        let location = try #require(authorize.location)
        let back = try #require(URLComponents(string: location))
        let callback = try await get(
            base + back.path + "?" + (back.percentEncodedQuery ?? ""), cookie: String(binding.split(separator: ";")[0]))
        let session = callback.cookies.first { $0.hasPrefix("klage_session=") }.map { String($0.split(separator: ";")[0].dropFirst(14)) }
        return (callback, session.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Signs `subject` in through `provider` with `groups`; their console client, ready to call.
    static func person(_ subject: String, _ name: String, groups: [String], _ provider: TestIdentityProvider, _ server: TestServer)
        async throws -> ConsoleClient
    {
        provider.signInNext(subject: subject, name: name, groups: groups)
        var client = ConsoleClient(port: server.port)
        client.cookie = try #require(try await OIDCSignInTests.signIn(server).session)
        client.csrf = try await client.send("GET", "/console/session").json?["csrf"]?.stringValue
        return client
    }

    @Test func aCaseworkerSignsInThroughTheProviderAndTheAccessLogNamesThem() async throws {
        try await withTestIdentityProvider { provider in
            try await withTestServer(tenants: try Self.tenants(provider)) { server in
                provider.signInNext(subject: "sub-anna", name: "Anna Jensen", groups: ["klage-sagsbehandlere", "unrelated"])
                let (callback, token) = try await Self.signIn(server)
                #expect(callback.status == 303)
                #expect(callback.location == "/#/queue")
                #expect(callback.cookies.contains { $0.hasPrefix("klage_signin=;") && $0.contains("Max-Age=0") })
                // The code went back with the PKCE verifier and the client's credentials, never in the URL.
                let form = try #require(provider.tokenRequests.last)
                #expect(form.contains("code_verifier=") && form.contains("grant_type=authorization_code"))

                var client = ConsoleClient(port: server.port)
                client.cookie = try #require(token)
                let session = try await client.send("GET", "/console/session")
                #expect(session.status == 200)
                #expect(session.json?["role"]?.stringValue == "caseworker")
                #expect(session.json?["label"]?.stringValue == "Anna Jensen")
                #expect(session.json?["signedInWith"]?.stringValue == "provider")
                #expect(session.json?["departments"] == ["Borgerservice"])
                client.csrf = session.json?["csrf"]?.stringValue

                let person = try #require(try await server.host.store.people(of: "gladsaxe").first)
                #expect(person.subject == "sub-anna" && person.issuer == provider.issuer && person.roles == [.caseworker])

                // Calls as the person: a complaint registered and read; the read's access log names the person.
                let created = try await client.call("complaint.create", Fixtures.copenhagenComplaint)
                let id = try #require(created.json?["result"]?["id"]?.stringValue)
                #expect(try await client.call("complaint.get", ["id": .string(id)]).json?["result"]?["id"]?.stringValue == id)
                let leader = try await server.key("gladsaxe", .leader)
                let reads = try await server.result("complaint.accessLog", ["id": .string(id)], key: leader)["reads"]?.arrayValue ?? []
                let read = try #require(reads.first { $0.string("purpose") == "complaint.get" })
                #expect(read.string("actor") == "person:\(person.id.rawValue)")
                #expect(read.string("actorLabel") == "Anna Jensen")

                // Sign-out ends the session here and hands back the provider's end-session URL with the id token hint.
                let out = try await client.send("POST", "/console/session/end")
                let endSession = try #require(out.json?["endSession"]?.stringValue)
                #expect(endSession.hasPrefix(provider.issuer + "/end_session?id_token_hint="))
                #expect(endSession.contains("post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2F"))
                #expect(try await client.send("GET", "/console/session").status == 401)
            }
        }
    }

    @Test func aLeadersGroupsMakeThemALeaderAndGroupsWithoutARoleSignNoOneIn() async throws {
        try await withTestIdentityProvider { provider in
            try await withTestServer(tenants: try Self.tenants(provider)) { server in
                provider.signInNext(subject: "sub-lene", name: "Lene Leder", groups: ["klage-ledere"])
                let (_, token) = try await Self.signIn(server)
                var client = ConsoleClient(port: server.port)
                client.cookie = try #require(token)
                #expect(try await client.send("GET", "/console/session").json?["role"]?.stringValue == "leader")

                provider.signInNext(subject: "sub-x", name: "Xenia", groups: ["unrelated"])
                let (refused, none) = try await Self.signIn(server)
                #expect(refused.status == 403)
                #expect(none == nil)
                #expect(!refused.body.contains("Xenia"))
            }
        }
    }

    @Test(.enabled(if: StorageBackend.available.contains(.postgres)))
    func aSignInStartedOnOneInstanceCompletesOnAnother() async throws {
        try await withTestIdentityProvider { provider in
            let url = try await offThePool { try PostgresTestCluster.freshDatabaseURL() }
            let tenants = try Self.tenants(provider)
            try await withTestServer(.postgres, databaseURL: url, tenants: tenants) { first in
                try await withTestServer(.postgres, databaseURL: url, tenants: tenants) { second in
                    provider.signInNext(subject: "sub-anna", name: "Anna Jensen", groups: ["klage-sagsbehandlere"])
                    let (callback, token) = try await Self.signIn(first, finishingOn: second)
                    #expect(callback.status == 303 && callback.location == "/#/queue")
                    var client = ConsoleClient(port: first.port)
                    client.cookie = try #require(token)
                    #expect(try await client.send("GET", "/console/session").json?["label"]?.stringValue == "Anna Jensen")
                }
            }
        }
    }

    @Test func noTokenCodeOrPersonalDataReachesTheLog() async throws {
        let sink = RequestLoggingTests.Lines()
        let logger = Logger(label: "klage-test") { _ in RequestLoggingTests.Capture(sink: sink) }
        try await withTestIdentityProvider { provider in
            try await withTestServer(tenants: try Self.tenants(provider), logger: logger) { server in
                provider.signInNext(subject: "sub-birgit", name: "Birgit Hemmelig", groups: ["klage-sagsbehandlere"])
                let (signedIn, token) = try await Self.signIn(server)
                #expect(signedIn.status == 303 && token != nil)
                provider.signInNext(subject: "sub-carl", name: "Carl Hemmelig", groups: ["unrelated"])
                #expect(try await Self.signIn(server).reply.status == 403)
                let lines = sink.lines.withLock { $0 }.map { line in
                    line.message + " " + line.metadata.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                }
                #expect(lines.contains { $0.contains("console sign-in refused") && $0.contains("no console role") })
                // "eyJ" begins every JSON web token; "code=" and "state=" the callback's query.
                for secret in ["Hemmelig", "sub-birgit", "sub-carl", "@example.dk", "eyJ", "code=", "state=", "s3cret"] {
                    #expect(!lines.contains { $0.contains(secret) }, "a log line holds \(secret)")
                }
            }
        }
    }

    @Test func theCallbackRefusesAForeignStateAReplayAndAnotherBrowser() async throws {
        try await withTestIdentityProvider { provider in
            try await withTestServer(tenants: try Self.tenants(provider)) { server in
                let base = "http://127.0.0.1:\(server.port)"
                let start = try await Self.get(base + "/console/oidc/start?tenant=gladsaxe")
                let binding = String(try #require(start.cookies.first).split(separator: ";")[0])
                let authorize = try await Self.get(try #require(start.location))
                let location = try #require(authorize.location)
                let back = try #require(URLComponents(string: location))
                let callback = base + back.path + "?" + (back.percentEncodedQuery ?? "")
                // Without the browser's binding cookie (login CSRF): refused, and the state is used up.
                #expect(try await Self.get(callback).status == 400)
                #expect(try await Self.get(callback, cookie: binding).status == 400)
                // Malformed and over-long input.
                #expect(try await Self.get(base + "/console/oidc/callback?state=short&code=x", cookie: binding).status == 400)
                let long = String(repeating: "a", count: 5_000)
                #expect(try await Self.get(base + "/console/oidc/callback?state=\(long)", cookie: binding).status == 400)
                #expect(try await Self.get(base + "/console/oidc/start?tenant=Gladsaxe%00").status == 400)
                #expect(try await Self.get(base + "/console/oidc/start?tenant=kobenhavn").status == 404)
            }
        }
    }

    @Test func pastedKeysAreOffForATenantWithAProviderUnlessBreakGlassIsOn() async throws {
        try await withTestIdentityProvider { provider in
            for breakGlass in [false, true] {
                try await withTestServer(tenants: try Self.tenants(provider, breakGlass: breakGlass)) { server in
                    let key = try await server.key("gladsaxe", .leader)
                    var client = ConsoleClient(port: server.port)
                    let reply = try await client.signIn(key)
                    #expect(reply.status == (breakGlass ? 200 : 403))
                    // A tenant without a provider keeps its keys.
                    var other = ConsoleClient(port: server.port)
                    #expect(try await other.signIn(try await server.key("kobenhavn", .leader)).status == 200)
                    let options = try await client.send("GET", "/console/oidc/providers")
                    #expect(options.json?["providers"]?.arrayValue?.first?["name"]?.stringValue == "Gladsaxe Kommune")
                }
            }
        }
    }
}
