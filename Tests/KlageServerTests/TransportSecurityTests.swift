import Foundation
import KlageKernel
import KlageTestSupport
import Testing

@testable import KlageServer

/// Cookies and transport over real HTTP: the console cookie is `Secure` whenever the server listens
/// beyond loopback (unless a lab turns it off), and over TLS that a trusted proxy vouches for; every
/// response of a request that came over TLS carries `Strict-Transport-Security`, and nothing else does.
@Suite struct TransportSecurityTests {
    static let hsts = "max-age=31536000; includeSubDomains"

    /// Listening on every address (not loopback), reached over loopback.
    static func beyondLoopback(_ configuration: inout ServerConfiguration) {
        configuration.host = "0.0.0.0"
    }

    /// Beyond loopback, with `Secure` turned off for a lab.
    static func labWithoutTLS(_ configuration: inout ServerConfiguration) {
        configuration.host = "0.0.0.0"
        configuration.insecureConsoleCookies = true
    }

    /// Behind a trusted proxy on loopback.
    static func behindATrustedProxy(_ configuration: inout ServerConfiguration) {
        configuration.trustedProxies = ["127.0.0.1", "::1"]
    }

    @Test func theCookieIsSecureWhenTheServerListensBeyondLoopbackEvenOverPlainHTTP() async throws {
        try await withTestServer(configure: Self.beyondLoopback) { server throws in
            var client = ConsoleClient(port: server.port)
            let reply = try await client.signIn(try await server.key("kobenhavn", .caseworker))
            #expect(reply.status == 200)
            #expect(reply.headers["set-cookie"]?.hasSuffix("; Secure") == true)
            // Plain HTTP from no trusted proxy: no HSTS, which a browser would ignore there anyway.
            #expect(reply.headers["strict-transport-security"] == nil)
            let signOut = try await client.send("POST", "/console/session/end")
            #expect(signOut.status == 200 && signOut.headers["set-cookie"]?.hasSuffix("; Secure") == true)
        }
    }

    @Test func aLabMayTurnSecureOffBeyondLoopbackExplicitly() async throws {
        let loaded = try ServerConfiguration.load(path: nil, environment: ["KLAGE_CONSOLE_INSECURE_COOKIES": "1"])
        #expect(loaded.insecureConsoleCookies)
        #expect(try !ServerConfiguration.load(path: nil, environment: [:]).insecureConsoleCookies)
        try await withTestServer(configure: Self.labWithoutTLS) { server throws in
            var client = ConsoleClient(port: server.port)
            let reply = try await client.signIn(try await server.key("kobenhavn", .caseworker))
            #expect(reply.status == 200)
            let cookie = try #require(reply.headers["set-cookie"])
            #expect(!cookie.contains("Secure"))
        }
    }

    @Test func onLoopbackAClientCannotClaimTLSByItself() async throws {
        try await withTestServer { server throws in
            var client = ConsoleClient(port: server.port)
            let reply = try await client.signIn(try await server.key("kobenhavn", .caseworker))
            #expect(reply.status == 200)
            #expect(reply.headers["set-cookie"]?.contains("Secure") == false)
            let claimed = try await client.send("GET", "/healthz", headers: ["X-Forwarded-Proto": "https"])
            #expect(claimed.status == 200 && claimed.headers["strict-transport-security"] == nil)
            let again = try await ConsoleClient(port: server.port).send(
                "POST", "/console/session", body: Data(#"{"key":"klage_unknown"}"#.utf8), headers: ["X-Forwarded-Proto": "https"])
            #expect(again.headers["strict-transport-security"] == nil)
        }
    }

    @Test func overATrustedProxysTLSEveryResponseCarriesHSTSAndTheCookieIsSecure() async throws {
        try await withTestServer(configure: Self.behindATrustedProxy) { server throws in
            let tls = ["X-Forwarded-Proto": "https"]
            var client = ConsoleClient(port: server.port)
            let key = try await server.key("kobenhavn", .caseworker)
            let signIn = try await client.send(
                "POST", "/console/session", body: try JSONEncoder().encode(["key": key]), headers: tls, withCookie: false, withCSRF: false)
            #expect(signIn.status == 200)
            #expect(signIn.headers["set-cookie"]?.hasSuffix("; Secure") == true)
            #expect(signIn.headers["strict-transport-security"] == Self.hsts)
            _ = try await client.signIn(key)
            // Every door, and errors too: health, the page, JSON-RPC, an unknown path, a refused sign-in.
            for (method, path, status) in [
                ("GET", "/healthz", 200), ("GET", "/", 200), ("GET", "/no/such/door", 404), ("GET", "/console/session", 200),
            ] {
                let reply = try await client.send(method, path, headers: tls)
                #expect(reply.status == status, "\(method) \(path)")
                #expect(reply.headers["strict-transport-security"] == Self.hsts, "\(method) \(path)")
                let plain = try await client.send(method, path, headers: ["X-Forwarded-Proto": "http"])
                #expect(plain.headers["strict-transport-security"] == nil, "\(method) \(path) over plain HTTP")
            }
            let rpc = try await client.send(
                "POST", "/rpc", body: Data(#"{"jsonrpc":"2.0","id":1,"method":"system.health"}"#.utf8), headers: tls, withCookie: false)
            #expect(rpc.headers["strict-transport-security"] == Self.hsts)
            let refused = try await ConsoleClient(port: server.port).send(
                "POST", "/console/session", body: Data(#"{"key":"klage_unknown"}"#.utf8), headers: tls)
            #expect(refused.status == 401 && refused.headers["strict-transport-security"] == Self.hsts)
        }
    }

    @Test func loopbackIsOnlyLoopback() {
        for host in ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.1.1"] { #expect(RequestTransport.isLoopback(host), "\(host)") }
        for host in ["0.0.0.0", "::", "10.0.0.5", "klage.example"] { #expect(!RequestTransport.isLoopback(host), "\(host)") }
        #expect(ConsoleSettings.alwaysSecure(listeningOn: "0.0.0.0", insecureOverride: false))
        #expect(!ConsoleSettings.alwaysSecure(listeningOn: "0.0.0.0", insecureOverride: true))
        #expect(!ConsoleSettings.alwaysSecure(listeningOn: "127.0.0.1", insecureOverride: false))
        #expect(ConsoleSettings.insecureCookieWarning(listeningOn: "0.0.0.0", insecureOverride: true)?.hasPrefix("INSECURE") == true)
        #expect(ConsoleSettings.insecureCookieWarning(listeningOn: "0.0.0.0", insecureOverride: false) == nil)
        #expect(ConsoleSettings.insecureCookieWarning(listeningOn: "127.0.0.1", insecureOverride: true) == nil)
    }
}
