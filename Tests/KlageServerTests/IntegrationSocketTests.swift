import Foundation
import KlageKernel
import KlageServer
import KlageTestSupport
import Testing

/// JSON-RPC over WebSocket at `/rpc/ws`, on every engine: any method answers as over HTTP, a
/// subscriber gets its own tenant's events as they commit and never another tenant's, and only the
/// roles that may read the feed may subscribe.
@Suite struct IntegrationSocketTests {
    @Test(arguments: StorageBackend.available)
    func aSubscriberGetsItsTenantsEventsAndNoOtherTenants(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server in
            let integration = try await server.key("kobenhavn", .integration)
            let copenhagen = try await server.key("kobenhavn", .caseworker)
            let roskilde = try await server.key("roskilde", .caseworker)
            try await withEventSocket(port: server.port, key: integration) { send, transcript in
                try await send([
                    "jsonrpc": "2.0", "id": 1, "method": "event.subscribe", "params": ["types": ["complaint.received", "contact.recorded"]],
                ])
                #expect(await transcript.wait { $0.answer(1) != nil })
                #expect(transcript.answer(1)?["result"]?.string("subscription") == "s1")

                // Roskilde's complaint first, then Copenhagen's with a call-back.
                var roskildeComplaint = Fixtures.copenhagenComplaint.objectValue ?? [:]
                roskildeComplaint["workflow"] = "roskilde.abc"
                _ = try await server.call("complaint.create", .object(roskildeComplaint), key: roskilde)
                let id = try #require(try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: copenhagen).string("id"))
                _ = try await server.result(
                    "contact.record",
                    ["complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(Date())), "summary": "Called"],
                    key: copenhagen)

                #expect(await transcript.wait { $0.events.count >= 2 })
                #expect(transcript.events.compactMap { $0.string("type") } == ["complaint.received", "contact.recorded"])
                #expect(transcript.events.allSatisfy { $0.string("tenant") == "kobenhavn" && $0.string("complaintId") == id })

                // Any other method answers over the socket as over HTTP, with the upgrade's key.
                try await send(["jsonrpc": "2.0", "id": 2, "method": "event.list", "params": ["types": ["contact.recorded"]]])
                #expect(await transcript.wait { $0.answer(2) != nil })
                #expect(transcript.answer(2)?["result"]?["events"]?.arrayValue?.count == 1)

                try await send(["jsonrpc": "2.0", "id": 3, "method": "event.unsubscribe", "params": ["subscription": "s1"]])
                #expect(await transcript.wait { $0.answer(3) != nil })
                #expect(transcript.answer(3)?["result"] == true)
                try await send(["jsonrpc": "2.0", "id": 4, "method": "event.subscribe", "params": ["after": -1]])
                #expect(await transcript.wait { $0.answer(4) != nil })
                #expect(transcript.answer(4)?["error"]?.int("code") == -32022)
            }
        }
    }

    @Test(arguments: StorageBackend.available)
    func aCaseworkerMayNotSubscribeAndAnUpgradeNeedsAKey(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server in
            let caseworker = try await server.key("kobenhavn", .caseworker)
            try await withEventSocket(port: server.port, key: caseworker) { send, transcript in
                try await send(["jsonrpc": "2.0", "id": 1, "method": "event.subscribe"])
                #expect(await transcript.wait { $0.answer(1) != nil })
                #expect(transcript.answer(1)?["error"]?.int("code") == -32003)
            }
            await #expect(throws: (any Error).self) {
                try await withEventSocket(port: server.port, key: "klage_not-a-key") { _, _ in }
            }
            #expect(try await server.get("/rpc/ws").status == 401)
        }
    }
}
