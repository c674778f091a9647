import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

/// A leader's before-Klage figures, over HTTP on every engine: `baseline.set`, `.list` and `.delete`.
@Suite struct BaselineTests {
    static let from = "2024-01-01T00:00:00Z"
    static let to = "2025-01-01T00:00:00Z"

    @Test(arguments: StorageBackend.available)
    func aBaselineIsUpsertedByDepartmentAndStartListedAndDeleted(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, clock: FixedClock(Fixtures.monday)) { server throws in
            let leader = try await server.key("kobenhavn", .leader)
            let set = try await server.result(
                "baseline.set",
                [
                    "department": "Borgerservice", "from": .string(Self.from), "to": .string(Self.to), "received": 120,
                    "medianDaysToClose": 21.5, "satisfactionMean": 3.2, "source": "ESDH extract 2024",
                ], key: leader)
            #expect(set.int("received") == 120)
            #expect(set["medianDaysToClose"] == 21.5)
            _ = try await server.result(
                "baseline.set",
                ["department": "Borgerservice", "from": .string(Self.from), "to": .string(Self.to), "received": 130, "appealsForwarded": 4],
                key: leader)
            _ = try await server.result("baseline.set", ["from": .string(Self.from), "to": .string(Self.to), "received": 900], key: leader)
            let admin = try await server.key("kobenhavn", .admin)
            let items = try await server.result("baseline.list", key: admin)["items"]?.arrayValue ?? []
            #expect(items.count == 2)
            #expect(items.first?["department"] == nil, "the whole municipality's first")
            let borgerservice = try #require(items.last)
            #expect(borgerservice.string("department") == "Borgerservice")
            #expect(borgerservice.int("received") == 130)
            #expect(borgerservice.int("appealsForwarded") == 4)
            #expect(borgerservice["satisfactionMean"] == nil, "replaced, not merged")
            #expect(borgerservice.string("from") == Self.from)

            let roskilde = try await server.key("roskilde", .leader)
            #expect(try await server.result("baseline.list", key: roskilde)["items"] == [])
            let elsewhere = try await server.call("baseline.delete", ["department": "Borgerservice", "from": .string(Self.from)], key: roskilde)
            #expect(elsewhere["error"]?["code"] == -32004)

            let deleted = try await server.result("baseline.delete", ["department": "Borgerservice", "from": .string(Self.from)], key: leader)
            #expect(deleted == ["deleted": true])
            let again = try await server.call("baseline.delete", ["department": "Borgerservice", "from": .string(Self.from)], key: leader)
            #expect(again["error"]?["code"] == -32004)
            #expect(try await server.result("baseline.list", key: leader)["items"]?.arrayValue?.count == 1)
        }
    }

    @Test(arguments: StorageBackend.available)
    func caseworkersNeitherSetNorListBaselines(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, clock: FixedClock(Fixtures.monday)) { server throws in
            let caseworker = try await server.key("kobenhavn", .caseworker)
            let params: JSONValue = ["from": .string(Self.from), "to": .string(Self.to)]
            #expect(try await server.call("baseline.set", params, key: caseworker)["error"]?["code"] == -32003)
            #expect(try await server.call("baseline.list", key: caseworker)["error"]?["code"] == -32003)
            #expect(try await server.call("baseline.delete", ["from": .string(Self.from)], key: caseworker)["error"]?["code"] == -32003)
        }
    }

    @Test(arguments: StorageBackend.available)
    func baselineRefusesBadFiguresNamingTheField(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, clock: FixedClock(Fixtures.monday)) { server throws in
            let leader = try await server.key("kobenhavn", .leader)
            let period: [String: JSONValue] = ["from": .string(Self.from), "to": .string(Self.to)]
            let cases: [([String: JSONValue], String)] = [
                (["from": .string(Self.to), "to": .string(Self.from)], "to"),
                (["from": .string(Self.from), "to": .string(Self.from)], "to"),
                (["from": .string(Self.from), "to": "2029-01-02T00:00:00Z"], "to"),
                (period.merging(["received": -1]) { $1 }, "received"),
                (period.merging(["appealsForwarded": -2]) { $1 }, "appealsForwarded"),
                (period.merging(["medianDaysToClose": -0.5]) { $1 }, "medianDaysToClose"),
                (period.merging(["satisfactionMean": 5.5]) { $1 }, "satisfactionMean"),
                (period.merging(["satisfactionMean": 0]) { $1 }, "satisfactionMean"),
                (period.merging(["department": .string(String(repeating: "d", count: 101))]) { $1 }, "department"),
                (period.merging(["source": "Ask anna@example.dk"]) { $1 }, "source"),
            ]
            for (params, field) in cases {
                let answer = try await server.call("baseline.set", .object(params), key: leader)
                #expect(answer["error"]?["code"] == -32022, "\(field)")
                #expect(answer["error"]?["data"]?["field"] == .string(field))
            }
            _ = try await server.result("baseline.set", ["from": .string(Self.from), "to": "2029-01-01T00:00:00Z"], key: leader)
            #expect(try await server.result("baseline.list", key: leader)["items"]?.arrayValue?.count == 1, "five years exactly is allowed")
        }
    }
}
