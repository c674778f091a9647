import Foundation
import KlageKernel
import KlageTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Two real server processes on one database, on every engine: a contact recorded through A
/// reaches a WebSocket subscriber on B and a webhook receiver on loopback, which gets it once although
/// both instances deliver webhooks. The servers are `klage-test-server` (`klage serve` with webhooks
/// to loopback allowed, which the production binary refuses); the keys are made with `klage`.
@Suite(.serialized) struct IntegrationTwoInstancesTests {
    @Test(arguments: StorageBackend.available)
    func aContactRecordedOnOneInstanceReachesASubscriberOnTheOtherAndAWebhook(_ backend: StorageBackend) async throws {
        guard let binary = KlageProcess.binary, let server = KlageProcess.testServer else { throw InstancePair.NoBinary() }
        let database = try backend.freshDatabaseURL()
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeConfiguration(in: folder)
        let key = { (role: String) throws -> String in
            try KlageProcess.output(binary, ["key", "create", "--database", database, "--tenant", "kobenhavn", "--role", role], in: folder)
                .split(separator: "\n").last.map(String.init) ?? ""
        }
        let (admin, caseworker, integration) = (try key("admin"), try key("caseworker"), try key("integration"))
        let environment = ["KLAGE_WEBHOOK_PRIVATE_TARGET_TENANTS": "kobenhavn"]
        let a = try await KlageProcess.serve(binary: server, database: database, in: folder, environment: environment)
        defer { a.stop() }
        let b = try await KlageProcess.serve(binary: server, database: database, in: folder, environment: environment)
        defer { b.stop() }

        try await withWebhookReceiver { receiver, url in
            let hook = try await a.call("webhook.create", ["url": .string(url), "events": ["contact.recorded"]], key: admin)
            #expect(hook["result"]?.string("secret") != nil, "\(hook)")
            try await withEventSocket(port: b.port, key: integration) { send, transcript in
                try await send(["jsonrpc": "2.0", "id": 1, "method": "event.subscribe", "params": ["types": ["contact.recorded"]]])
                #expect(await transcript.wait { $0.answer(1) != nil })

                let created = try await a.call("complaint.create", Fixtures.copenhagenComplaint, key: caseworker)
                let id = try #require(created["result"]?.string("id"), "\(created)")
                let recorded = try await a.call(
                    "contact.record",
                    ["complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(Date())), "summary": "Called back"],
                    key: caseworker)
                #expect(recorded["error"] == nil, "\(recorded)")

                #expect(await transcript.wait { $0.events.count == 1 })
                let event = try #require(transcript.events.first)
                #expect(event.string("type") == "contact.recorded")
                #expect(event.string("complaintId") == id)
                #expect(await transcript.wait { _ in receiver.acceptedIDs.count == 1 })
                #expect(receiver.acceptedIDs == [try #require(event.string("id"))])
            }
            // Both dispatchers have had time for many passes; the receiver still has the event once.
            try await Task.sleep(for: .seconds(1))
            #expect(receiver.acceptedIDs.count == 1)
        }
    }

    private func writeConfiguration(in folder: URL) throws {
        let tenants = folder.appendingPathComponent("Config/tenants")
        try FileManager.default.createDirectory(at: tenants, withIntermediateDirectories: true)
        let configuration: JSONValue = ["tenantsFolder": "tenants", "limits": ["keyRequestsPerSecond": 0]]
        let copenhagen: JSONValue = ["id": "kobenhavn", "name": "Københavns Kommune", "plugins": ["borgerkontakt"]]
        try JSONEncoder().encode(configuration).write(to: folder.appendingPathComponent("Config/klage.json"))
        try JSONEncoder().encode(copenhagen).write(to: tenants.appendingPathComponent("kobenhavn.json"))
    }
}
