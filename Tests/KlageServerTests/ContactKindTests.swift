import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

/// Every contact kind the kernel knows, over HTTP on every engine: `digital_post` is a written contact
/// like `letter`, and `workflow.list` and `rpc.discover` list every kind, so a client can offer them all.
@Suite struct ContactKindTests {
    @Test(arguments: StorageBackend.available)
    func aDigitalPostLetterIsStoredAndOpensNoClockButMeetsTheWrittenRoute(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let (key, id) = try await ContactTimingTests.copenhagenComplaint(server)
            clock.advance(by: 600)
            _ = try await server.result("contact.record", ContactTimingTests.call(id, at: clock.now(), kind: "digital_post"), key: key)
            var callBack = try #require(try await server.result("complaint.get", ["id": .string(id)], key: key)["deadlines"]?.arrayValue?.first)
            #expect(callBack["metAt"] == .null || callBack["metAt"] == nil, "a letter is not a conversation")
            for _ in 1...3 {
                clock.advance(by: 1800)
                _ = try await server.result("contact.record", ContactTimingTests.call(id, at: clock.now(), reached: false), key: key)
            }
            clock.advance(by: 600)
            _ = try await server.result("contact.record", ContactTimingTests.call(id, at: clock.now(), kind: "digital_post"), key: key)
            callBack = try #require(try await server.result("complaint.get", ["id": .string(id)], key: key)["deadlines"]?.arrayValue?.first)
            #expect(callBack.string("metAt") == Timestamp.format(clock.now()), "the written route: Digital Post meets first contact")
            let listed = try await server.result("contact.list", ["complaintId": .string(id)], key: key)["items"]?.arrayValue ?? []
            #expect(listed.compactMap { $0.string("kind") } == ["digital_post", "phone", "phone", "phone", "digital_post"])
        }
    }

    @Test func workflowListAndDiscoverListEveryContactKind() async throws {
        try await withTestServer(.sqlite, clock: FixedClock(Fixtures.monday)) { server throws in
            let key = try await server.key("roskilde", .caseworker)
            let everyKind = ContactKind.allCases.map(\.rawValue)
            #expect(everyKind.contains("digital_post"))
            let workflows = try await server.result("workflow.list", key: key)["items"]?.arrayValue ?? []
            #expect(!workflows.isEmpty)
            for workflow in workflows {
                let kinds = workflow["contactKinds"]?.arrayValue ?? []
                #expect(kinds.compactMap { $0.string("kind") } == everyKind)
                #expect(kinds.first { $0.string("kind") == "digital_post" } == ["kind": "digital_post", "oral": false, "written": true])
                #expect(kinds.first { $0.string("kind") == "phone" } == ["kind": "phone", "oral": true, "written": false])
            }
            let document = try await server.result("rpc.discover", key: key)
            let record = try #require(document["methods"]?.arrayValue?.first { $0.string("name") == "contact.record" })
            let kindParam = try #require(record["params"]?.arrayValue?.first { $0.string("name") == "kind" })
            #expect(kindParam["schema"]?["enum"]?.arrayValue?.compactMap(\.stringValue) == everyKind)
        }
    }
}
