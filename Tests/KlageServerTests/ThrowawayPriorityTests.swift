import KlageKernel
import KlageTestSupport
import Testing

/// Throw-away: the complaint field `priority`, written, stored and read back on both engines.
@Suite struct ThrowawayPriorityTests {
    @Test(arguments: StorageBackend.available)
    func aPriorityIsStoredAndABadOneIsRefusedNamingTheField(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server in
            let key = try await server.key("kobenhavn", .caseworker)
            var complaint = Fixtures.copenhagenComplaint.objectValue ?? [:]
            complaint["priority"] = 2
            let created = try await server.result("complaint.create", .object(complaint), key: key)
            #expect(created.int("priority") == 2)
            let read = try await server.result("complaint.get", ["id": .string(created.string("id") ?? "")], key: key)
            #expect(read.int("priority") == 2)
            complaint["priority"] = 4
            let refused = try await server.call("complaint.create", .object(complaint), key: key)
            #expect(refused["error"]?.int("code") == -32022)
            #expect(refused["error"]?["data"]?.string("field") == "priority")
        }
    }
}
