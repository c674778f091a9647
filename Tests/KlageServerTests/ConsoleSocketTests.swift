import Foundation
import HTTPTypes
import HummingbirdWSClient
import KlageKernel
import KlageRPC
import KlageTestSupport
import NIOWebSocket
import Testing

@testable import KlageServer

/// `/console/ws` on both engines: a signed-in page (cookie, its own origin, then its CSRF token) is
/// told which complaints changed and nothing of another department's; a page without its session, from
/// another origin or without the token is refused; the socket closes when the session ends; and a
/// person's sockets meet the same cap as a key's on `/rpc/ws`.
@Suite struct ConsoleSocketTests {
    /// The upgrade headers of `client`'s page, from `origin` (this server's by default).
    static func headers(_ client: ConsoleClient, origin: String? = nil) -> HTTPFields {
        var fields: HTTPFields = [.origin: origin ?? "http://127.0.0.1:\(client.port)"]
        if let cookie = client.cookie { fields[.cookie] = "klage_session=\(cookie)" }
        return fields
    }

    /// Opens `client`'s live socket, greets it with its CSRF token, and runs `body` once it is ready.
    static func live(
        _ client: ConsoleClient, _ body: @escaping @Sendable (SocketTranscript) async throws -> Void
    ) async throws -> WebSocketCloseFrame? {
        let csrf = client.csrf ?? ""
        return try await withRawSocket(port: client.port, path: "/console/ws", headers: headers(client)) { send, transcript in
            try await send(#"{"csrf":"\#(csrf)"}"#)
            #expect(await transcript.wait { $0.all.contains { $0.string("method") == "ready" } })
            try await body(transcript)
        }
    }

    /// The complaint ids of the `changed` notifications so far.
    static func changed(_ transcript: SocketTranscript) -> [String] {
        transcript.all.filter { $0.string("method") == "changed" }.compactMap { $0["params"]?.string("complaintId") }
    }

    @Test(arguments: StorageBackend.available)
    func aSignedInPageLearnsWhichOfItsComplaintsChanged(_ backend: StorageBackend) async throws {
        try await withTestIdentityProvider { provider in
            try await withTestServer(backend, tenants: try OIDCSignInTests.tenants(provider)) { server in
                let anna = try await OIDCSignInTests.person("sub-anna", "Anna Jensen", groups: ["klage-sagsbehandlere"], provider, server)
                let integration = try await server.key("gladsaxe", .integration)
                _ = try await Self.live(anna) { transcript in
                    let ours = try await NeedToKnowTests.create(server, key: integration, ref: "LIVE-1", department: "Borgerservice")
                    let theirs = try await NeedToKnowTests.create(server, key: integration, ref: "LIVE-2", department: "Jobcenter")
                    let intake = try await NeedToKnowTests.create(server, key: integration, ref: "LIVE-3", department: nil)
                    #expect(await transcript.wait { Set(Self.changed($0)).isSuperset(of: [ours, intake]) })
                    #expect(!Self.changed(transcript).contains(theirs), "need to know: another department's complaint is not even named")
                    let types = transcript.all.compactMap { $0["params"]?.string("type") }
                    #expect(types.contains("complaint.received"))
                    // Nothing but the type and the id: no subject, no citizen.
                    #expect(
                        transcript.all.allSatisfy {
                            ($0["params"]?.objectValue?.keys.sorted() ?? ["complaintId", "type"]).allSatisfy { ["complaintId", "type"].contains($0) }
                        })
                }
            }
        }
    }

    @Test(arguments: StorageBackend.available)
    func noSessionAnotherOriginOrNoTokenIsRefusedAndSignOutCloses(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server in
            var signingIn = ConsoleClient(port: server.port)
            try await signingIn.signIn(try await server.key("kobenhavn", .caseworker))
            let page = signingIn
            let stranger = ConsoleClient(port: server.port)
            await #expect(throws: (any Error).self) {
                try await withRawSocket(port: server.port, path: "/console/ws", headers: Self.headers(stranger)) { _, _ in }
            }
            await #expect(throws: (any Error).self) {
                try await withRawSocket(port: server.port, path: "/console/ws", headers: Self.headers(page, origin: "https://evil.example")) { _, _ in
                }
            }
            #expect(try await stranger.send("GET", "/console/ws").status == 401)
            var forged = stranger
            forged.cookie = String(repeating: "A", count: 43)
            let unknown = try await withRawSocket(port: server.port, path: "/console/ws", headers: Self.headers(forged)) { send, transcript in
                try? await send(#"{"csrf":"x"}"#)
                #expect(await transcript.wait(seconds: 10) { $0.closed })
                #expect(!transcript.all.contains { $0.string("method") == "ready" })
            }
            #expect(unknown == nil || unknown?.reason == "sign in to the console")

            let wrong = try await withRawSocket(port: server.port, path: "/console/ws", headers: Self.headers(page)) { send, transcript in
                try await send(#"{"csrf":"not-the-token"}"#)
                #expect(await transcript.wait(seconds: 10) { $0.closed })
                #expect(!transcript.all.contains { $0.string("method") == "ready" })
            }
            #expect(wrong?.closeCode == .policyViolation)

            let ended = try await Self.live(page) { transcript in
                let status = try await page.send("POST", "/console/session/end").status
                #expect(status == 200)
                #expect(await transcript.wait(seconds: 20) { $0.closed })
            }
            #expect(ended?.reason == "the session has ended")
        }
    }

    @Test func aPersonsSocketsMeetTheCapOfAKeyAndAreCountedApart() async throws {
        try await withTestServer(configure: integrationSettings { $0.socketsPerKey = 2 }) { server in
            var signingIn = ConsoleClient(port: server.port)
            try await signingIn.signIn(try await server.key("kobenhavn", .caseworker))
            let page = signingIn
            let release = SharedFlag()
            async let first = Self.live(page) { transcript in _ = await transcript.wait(seconds: 60) { _ in release.isSet } }
            async let second = Self.live(page) { transcript in _ = await transcript.wait(seconds: 60) { _ in release.isSet } }
            try await IntegrationSocketFairnessTests.waitUntil { server.host.integrations.consoleSockets.open(tenant: "kobenhavn") == 2 }
            #expect(server.host.integrations.sockets.open(tenant: "kobenhavn") == 0, "a case system's sockets are counted apart")
            let csrf = page.csrf ?? ""
            let third = try await withRawSocket(port: server.port, path: "/console/ws", headers: Self.headers(page)) { send, transcript in
                // A close that comes with the upgrade's answer may not end the client's inbound stream, but
                // it makes a later write fail (as on /rpc/ws): the greeting is tried until then.
                let deadline = ContinuousClock.now + .seconds(10)
                while !transcript.closed, ContinuousClock.now < deadline, (try? await send(#"{"csrf":"\#(csrf)"}"#)) != nil {
                    _ = await transcript.wait(seconds: 0.5) { $0.closed }
                }
                #expect(!transcript.all.contains { $0.string("method") == "ready" }, "the third socket is never served")
            }
            #expect(third == nil || third?.reason?.contains("too many connections") == true)
            #expect(server.host.integrations.consoleSockets.open(tenant: "kobenhavn") == 2)
            release.set()
            _ = try await (first, second)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aMissedClockReachesTheOpenPage(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server in
            var signingIn = ConsoleClient(port: server.port)
            try await signingIn.signIn(try await server.key("kobenhavn", .caseworker))
            let page = signingIn
            let id = try #require(try await page.call("complaint.create", Fixtures.copenhagenComplaint).json?["result"]?.string("id"))
            _ = try await Self.live(page) { transcript in
                // Two days on, the deadline check records the call-back's warning, then its miss.
                clock.advance(by: 2 * 86_400)
                for _ in 0..<2 { try await server.host.services.complaints.checkDeadlines() }
                #expect(
                    await transcript.wait { transcript in
                        transcript.all.contains { $0["params"]?.string("type") == "deadline.missed" && $0["params"]?.string("complaintId") == id }
                    })
            }
        }
    }

    @Test func generatedGreetingsAreReadStrictlyAndOnlyTheTokenIsServed() async throws {
        let token = "a1b2c3"
        let valid = Array(#"{"csrf":"a1b2c3"}"#.utf8)
        var fuzzer = RequestFuzzer(seed: 0x4B4C_4147, methods: [])
        var served = 0
        for _ in 0..<20_000 {
            let bytes = fuzzer.mutate(valid)
            let text = String(decoding: bytes, as: UTF8.self)
            if ConsoleSocketSession.csrf(in: text) == token { served += 1 }
        }
        #expect(ConsoleSocketSession.csrf(in: String(decoding: valid, as: UTF8.self)) == token)
        #expect(ConsoleSocketSession.csrf(in: String(repeating: "[", count: 100_000)) == nil, "deep nesting is refused, not recursed into")
        #expect(served < 20_000, "mutations change the greeting")

        // Over the wire: mutated greetings on sockets of a live session are closed, never served.
        try await withTestServer { server in
            var signingIn = ConsoleClient(port: server.port)
            try await signingIn.signIn(try await server.key("kobenhavn", .caseworker))
            let page = signingIn
            let greeting = Array(#"{"csrf":"\#(page.csrf ?? "")"}"#.utf8)
            var wire = RequestFuzzer(seed: 0x5753, methods: [])
            for _ in 0..<20 {
                let mutated = String(decoding: wire.mutate(greeting), as: UTF8.self)
                guard ConsoleSocketSession.csrf(in: mutated) != page.csrf else { continue }
                try await withRawSocket(port: server.port, path: "/console/ws", headers: Self.headers(page)) { send, transcript in
                    try? await send(mutated)
                    #expect(await transcript.wait(seconds: 10) { $0.closed })
                    #expect(!transcript.all.contains { $0.string("method") == "ready" })
                }
            }
            #expect(try await server.result("system.health", key: nil).string("status") == "ok")
        }
    }
}
