import Foundation
import KlageKernel
import KlageRPC
import KlageReports
import KlageServer
import KlageStorage
import KlageTestSupport
import Logging
import Synchronization
import Testing

/// The anonymous staff pulse, over HTTP on every engine: `pulse.submit` keeps the department, the score
/// and the Copenhagen day, and nothing of who answered, in storage or in the log.
@Suite struct StaffPulseTests {
    @Test(arguments: StorageBackend.available)
    func anAnswerKeepsTheCopenhagenDayAndNoTraceOfWhoGaveIt(_ backend: StorageBackend) async throws {
        // 23:30 UTC on 25 November is 00:30 on 26 November in Copenhagen.
        let clock = FixedClock(Timestamp.parse("2026-11-25T23:30:00.417Z")!)
        try await withTestServer(backend, clock: clock) { server throws in
            let created = try await server.result(
                "apiKey.create", ["tenant": "kobenhavn", "role": "caseworker", "label": "pulse"], key: server.operatorKey)
            let key = try #require(created.string("key"))
            let keyID = try #require(created.string("id"))
            let sink = RequestLoggingTests.Lines()
            let dispatcher = RPCDispatcher(
                registry: server.host.dispatcher.registry, keys: server.host.services.keys,
                logger: Logger(label: "test") { _ in RequestLoggingTests.Capture(sink: sink) })
            let body = Data(#"{"jsonrpc":"2.0","id":1,"method":"pulse.submit","params":{"department":"Borgerservice","score":4}}"#.utf8)
            let reply = JSONValue.parse(
                await dispatcher.handle(body: body, authorization: "Bearer \(key)", requestID: RequestID(header: "req-7")!) ?? Data())
            #expect(reply["result"] == ["thanks": true])
            for line in sink.lines.withLock({ $0 }) {
                let text = "\(line.message) \(line.metadata)"
                #expect(!text.contains(keyID) && !text.contains("Borgerservice"))
            }
            let leader = try await server.key("kobenhavn", .leader)
            #expect(try await server.result("pulse.submit", ["department": "Borgerservice", "score": 2], key: leader) == ["thanks": true])

            let stored = try await server.host.store.pulses(
                tenant: "kobenhavn", from: Fixtures.monday.addingTimeInterval(-7 * 86_400), to: Fixtures.monday.addingTimeInterval(7 * 86_400),
                department: nil)
            #expect(stored.map(\.score).sorted() == [2, 4])
            for pulse in stored {
                #expect(Timestamp.format(pulse.day) == "2026-11-25T23:00:00Z", "midnight of 26 November, Copenhagen time")
                #expect(!pulse.id.rawValue.contains(keyID))
                #expect(Array(pulse.id.rawValue)[14] == "4", "a random id, not a time-ordered one that would carry the time")
            }
        }
    }

    @Test(arguments: StorageBackend.available)
    func aPulseNeedsADepartmentAndAScoreFromOneToFiveAndAStaffRole(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, clock: FixedClock(Fixtures.monday)) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let cases: [(JSONValue, String)] = [
                (["department": " ", "score": 3], "department"),
                (["department": .string(String(repeating: "d", count: 101)), "score": 3], "department"),
                (["department": "Borgerservice", "score": 0], "score"),
                (["department": "Borgerservice", "score": 6], "score"),
            ]
            for (params, field) in cases {
                let answer = try await server.call("pulse.submit", params, key: key)
                #expect(answer["error"]?["code"] == -32022)
                #expect(answer["error"]?["data"]?["field"] == .string(field))
            }
            let integration = try await server.key("kobenhavn", .integration)
            #expect(try await server.call("pulse.submit", ["department": "IT", "score": 3], key: integration)["error"]?["code"] == -32003)
            let stored = try await server.host.store.pulses(
                tenant: "kobenhavn", from: Fixtures.monday.addingTimeInterval(-86_400), to: Fixtures.monday.addingTimeInterval(86_400),
                department: nil)
            #expect(stored.isEmpty)
        }
    }
}
