import Foundation
import KlageKernel
import KlageRPC
import KlageTestSupport
import Testing

@testable import KlageServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Who the client is, behind the proxies `Deploy/` ships: the last address of `X-Forwarded-For` that
/// is not a trusted proxy, only when the peer is one; IPv6 per /64; and the per-address limits follow.
@Suite struct ClientAddressTests {
    let proxies = ClientAddress(trusted: ["10.0.0.0/8", "2001:db8:ffff::/48"].compactMap { IPBlock($0) })

    @Test func theLastUntrustedHopIsTheClient() {
        #expect(proxies.client(peer: "10.0.0.5", forwardedFor: ["198.51.100.7"]) == "198.51.100.7")
        #expect(
            proxies.client(peer: "10.0.0.5", forwardedFor: ["203.0.113.1, 198.51.100.7, 10.0.0.9"]) == "198.51.100.7", "spoofed left part ignored")
        #expect(proxies.client(peer: "10.0.0.5", forwardedFor: ["203.0.113.1", "198.51.100.7"]) == "198.51.100.7", "two header fields")
        #expect(proxies.client(peer: "10.0.0.5", forwardedFor: ["198.51.100.7:4711"]) == "198.51.100.7", "with a port")
        #expect(proxies.client(peer: "10.0.0.5", forwardedFor: ["[2001:db8:1:2::9]:4711"]) == "2001:db8:1:2::/64")
        #expect(proxies.client(peer: "10.0.0.5", forwardedFor: ["10.1.1.1, 10.2.2.2"]) == "10.1.1.1", "all trusted: the first")
        #expect(proxies.client(peer: "10.0.0.5", forwardedFor: ["garbage"]) == "10.0.0.5", "garbage: the last hop known")
        #expect(proxies.client(peer: "10.0.0.5", forwardedFor: []) == "10.0.0.5")
    }

    @Test func anUntrustedPeerIsTheClientWhateverItWrites() {
        #expect(proxies.client(peer: "198.51.100.7", forwardedFor: ["203.0.113.1"]) == "198.51.100.7")
        #expect(ClientAddress(trusted: []).client(peer: "10.0.0.5", forwardedFor: ["203.0.113.1"]) == "10.0.0.5")
    }

    @Test func ipv6ClientsCountPerSlash64AndMappedIPv4IsIPv4() {
        #expect(IPAddress("2001:db8:1:2:aaaa:bbbb:cccc:dddd")?.limitKey == "2001:db8:1:2::/64")
        #expect(IPAddress("2001:db8:1:2::1")?.limitKey == IPAddress("2001:db8:1:2:ffff::7")?.limitKey)
        #expect(IPAddress("2001:db8:1:3::1")?.limitKey != IPAddress("2001:db8:1:2::1")?.limitKey)
        #expect(IPAddress("::ffff:192.0.2.7")?.limitKey == "192.0.2.7")
        #expect(IPAddress("300.1.1.1") == nil && IPAddress("") == nil && IPAddress("1.2.3") == nil)
        #expect(IPBlock("10.0.0.0/33") == nil && IPBlock("x/8") == nil)
        #expect(IPBlock("172.16.0.0/12")!.contains(IPAddress("172.31.255.255")!))
        #expect(!IPBlock("172.16.0.0/12")!.contains(IPAddress("172.32.0.0")!))
        #expect(!IPBlock("10.0.0.0/8")!.contains(IPAddress("::ffff:11.0.0.1")!))
    }

    @Test func aTrustedProxyListThatIsNotAddressesStopsTheServer() throws {
        var configuration = ServerConfiguration()
        configuration.trustedProxies = ["10.0.0.0/8", "proxy.example"]
        #expect(throws: ConfigurationError.self) { try configuration.validate() }
        let loaded = try ServerConfiguration.load(path: nil, environment: ["KLAGE_TRUSTED_PROXIES": "10.0.0.0/8, 2001:db8::/32"])
        #expect(loaded.trustedProxies == ["10.0.0.0/8", "2001:db8::/32"])
    }

    @Test func aConfigurationFileIsReadByTheStrictParser() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("klage-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let deep = folder.appendingPathComponent("deep.json")
        try Data((#"{"limits":"# + String(repeating: "[", count: 513)).utf8).write(to: deep)
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.load(path: deep.path, environment: [:]) }
        let twice = folder.appendingPathComponent("twice.json")
        try Data(#"{"port":8080,"port":9090}"#.utf8).write(to: twice)
        #expect(throws: ConfigurationError.self, "a key given twice is refused, not read either way") {
            try ServerConfiguration.load(path: twice.path, environment: [:])
        }
        let good = folder.appendingPathComponent("good.json")
        try Data(#"{"port":9090,"trustedProxies":["10.0.0.0/8"],"limits":{"keyRequestsPerSecond":50}}"#.utf8).write(to: good)
        let loaded = try ServerConfiguration.load(path: good.path, environment: [:])
        #expect(loaded.port == 9090 && loaded.limits.keyRequestsPerSecond == 50 && loaded.trustedProxies == ["10.0.0.0/8"])
    }

    /// `system.health` without a key with `X-Forwarded-For: forwarded`; the HTTP status.
    private func health(_ server: TestServer, forwardedFor: String) async throws -> Int {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)/rpc")!)
        request.httpMethod = "POST"
        request.httpBody = Data(#"{"jsonrpc":"2.0","id":1,"method":"system.health"}"#.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(forwardedFor, forHTTPHeaderField: "X-Forwarded-For")
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    /// Two requests per address, refilled only after a long while.
    static func strict(trusting proxies: [String]) -> (inout ServerConfiguration) -> Void {
        { configuration in
            configuration.trustedProxies = proxies
            configuration.limits.anonymousRequestsPerSecond = 0.001
            configuration.limits.anonymousBurst = 2
        }
    }

    @Test func behindATrustedProxyEachClientHasItsOwnBudget() async throws {
        try await withTestServer(configure: Self.strict(trusting: ["127.0.0.1"])) { server throws in
            #expect(try await health(server, forwardedFor: "198.51.100.1") == 200)
            #expect(try await health(server, forwardedFor: "198.51.100.1") == 200)
            #expect(try await health(server, forwardedFor: "198.51.100.1") == 429)
            #expect(try await health(server, forwardedFor: "203.0.113.9, 198.51.100.1") == 429, "a client cannot choose its address")
            #expect(try await health(server, forwardedFor: "198.51.100.2") == 200, "another client behind the same proxy")
            #expect(try await health(server, forwardedFor: "2001:db8:1:2::1") == 200)
            #expect(try await health(server, forwardedFor: "2001:db8:1:2::2") == 200)
            #expect(try await health(server, forwardedFor: "2001:db8:1:2::3") == 429, "one /64")
            #expect(try await health(server, forwardedFor: "2001:db8:1:3::1") == 200)
        }
    }

    @Test func withoutTrustedProxiesTheHeaderIsIgnored() async throws {
        try await withTestServer(configure: Self.strict(trusting: [])) { server throws in
            #expect(try await health(server, forwardedFor: "198.51.100.1") == 200)
            #expect(try await health(server, forwardedFor: "198.51.100.2") == 200)
            #expect(try await health(server, forwardedFor: "198.51.100.3") == 429, "all from 127.0.0.1")
        }
    }

    @Test func theConsoleCookieIsSecureBehindATrustedTLSProxy() async throws {
        try await withTestServer(configure: Self.strict(trusting: ["127.0.0.1"])) { server throws in
            var client = ConsoleClient(port: server.port)
            let key = try await server.key("kobenhavn", .caseworker)
            let reply = try await client.send(
                "POST", "/console/session", body: try JSONEncoder().encode(["key": key]), headers: ["X-Forwarded-Proto": "https"])
            #expect(reply.headers["set-cookie"]?.contains("; Secure") == true)
            client.cookie = nil
        }
        try await withTestServer { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let reply = try await ConsoleClient(port: server.port).send(
                "POST", "/console/session", body: try JSONEncoder().encode(["key": key]), headers: ["X-Forwarded-Proto": "https"])
            #expect(reply.headers["set-cookie"]?.contains("; Secure") == false, "an untrusted peer's header is not believed")
        }
    }
}
