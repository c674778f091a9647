import Foundation
import KlageKernel
import KlageServer
import KlageTestSupport
import Testing

/// `complaint.list` finds and filters on both engines: words of the subject, description or citizen's
/// name (every word, each a word's start), a whole reference, filters by openness and date, the deadline
/// order paged to its end (the browser journey pages past 100), each search in the access log; another
/// tenant's complaints are never found.
@Suite struct ComplaintSearchTests {
    /// Creates a complaint of the Copenhagen dialogue workflow; returns its id.
    static func create(
        _ server: TestServer, key: String, ref: String, subject: String, description: String = "Borgeren har ventet.", name: String,
        receivedAt: Date = Date().addingTimeInterval(-3600)
    ) async throws -> String {
        guard case .object(var params) = Fixtures.copenhagenComplaint else { throw CancellationError() }
        params["externalRef"] = .string(ref)
        params["subject"] = .string(subject)
        params["description"] = .string(description)
        params["citizen"] = ["name": .string(name), "phone": "+45 12345678"]
        params["receivedAt"] = .string(Timestamp.format(receivedAt))
        return try #require(try await server.result("complaint.create", .object(params), key: key)["id"]?.stringValue)
    }

    /// The params that close complaint `id` (at version 1) as withdrawn.
    static func withdrawal(_ id: String) -> JSONValue {
        ["id": .string(id), "version": 1, "action": "withdraw", "outcome": "withdrawn", "fields": ["citizenConsent": true]]
    }

    /// The ids `complaint.list` answers for `params`.
    static func ids(_ server: TestServer, _ params: JSONValue, key: String) async throws -> [String] {
        try await server.result("complaint.list", params, key: key)["items"]?.arrayValue?.compactMap { $0.string("id") } ?? []
    }

    @Test(arguments: StorageBackend.available)
    func aSearchFindsByWordsNameOrReferenceAndIsAccessLogged(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server in
            let key = try await server.key("kobenhavn", .caseworker)
            let leader = try await server.key("kobenhavn", .leader)
            let wheelchair = try await Self.create(
                server, key: key, ref: "ESDH-2026-0301", subject: "Kørestolen er ikke repareret",
                description: "Hjælpemidlet har været i stykker siden marts.", name: "Åse Sørensen")
            let walker = try await Self.create(server, key: key, ref: "ESDH-2026-0302", subject: "Rollator mangler", name: "Jens Hansen")
            let other = try await server.key("roskilde", .caseworker)
            var roskilde = Fixtures.copenhagenComplaint.objectValue ?? [:]
            (roskilde["workflow"], roskilde["externalRef"]) = ("roskilde.abc", "R-1")
            roskilde["citizen"] = ["name": "Åse Sørensen"]
            _ = try await server.result("complaint.create", .object(roskilde), key: other)

            #expect(try await Self.ids(server, ["q": "Sørensen"], key: key) == [wheelchair])
            #expect(try await Self.ids(server, ["q": "kørestol"], key: key) == [wheelchair], "a word's start")
            #expect(try await Self.ids(server, ["q": "åse marts"], key: key) == [wheelchair], "name and description together")
            #expect(try await Self.ids(server, ["q": "åse rollator"], key: key) == [], "every word must match")
            #expect(try await Self.ids(server, ["q": "ESDH-2026-0302"], key: key) == [walker], "a whole reference")
            #expect(try await Self.ids(server, ["q": .string(walker)], key: key) == [walker], "a whole id")
            #expect(try await Self.ids(server, ["q": "\"*) OR 1=1 --"], key: key) == [], "search syntax is never read")
            #expect(try await Self.ids(server, ["q": "Hansen", "state": "received"], key: key) == [walker], "with a filter")

            let refused = try await server.call("complaint.list", ["q": "  -- "], key: key)
            #expect(refused["error"]?["data"]?["field"] == "q")
            let long = try await server.call("complaint.list", ["q": .string(String(repeating: "a ", count: 9))], key: key)
            #expect(long["error"]?["data"]?["field"] == "q")

            // Who searched and found it is in the complaint's access log, as a search.
            let reads = try await server.result("complaint.accessLog", ["id": .string(wheelchair)], key: leader)["reads"]?.arrayValue ?? []
            #expect(reads.filter { $0.string("purpose") == "complaint.search" }.count == 3)
            let walkerReads = try await server.result("complaint.accessLog", ["id": .string(walker)], key: leader)["reads"]?.arrayValue ?? []
            #expect(walkerReads.filter { $0.string("purpose") == "complaint.search" }.count == 3)
        }
    }

    @Test(arguments: StorageBackend.available)
    func anErasedCitizensNameIsNoLongerFound(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server in
            let key = try await server.key("kobenhavn", .caseworker)
            let id = try await Self.create(server, key: key, ref: "ERASE-1", subject: "Hjemmehjælp udeblev", name: "Karen Mikkelsen")
            let admin = try await server.key("kobenhavn", .admin)
            _ = try await server.result("complaint.act", Self.withdrawal(id), key: key)
            _ = try await server.result("privacy.erase", ["phone": "+45 12345678"], key: admin)
            #expect(try await Self.ids(server, ["q": "Mikkelsen"], key: key) == [])
        }
    }

    @Test(arguments: StorageBackend.available)
    func filtersAndTheDeadlineOrderPageToTheEnd(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server in
            let key = try await server.key("kobenhavn", .caseworker)
            let start = Date().addingTimeInterval(-30 * 86_400)
            var made: [String] = []
            for index in 0..<25 {
                // Received one hour apart: the oldest has the nearest deadline.
                made.append(
                    try await Self.create(
                        server, key: key, ref: "PAGE-\(index)", subject: "Sag \(index)", name: "Borger \(index)",
                        receivedAt: start.addingTimeInterval(Double(index) * 3600)))
            }
            var seen: [String] = []
            var cursor: JSONValue = .null
            repeat {
                var params: [String: JSONValue] = ["order": "due", "open": true, "limit": 10]
                if cursor != .null { params["cursor"] = cursor }
                let page = try await server.result("complaint.list", .object(params), key: key)
                seen += page["items"]?.arrayValue?.compactMap { $0.string("id") } ?? []
                cursor = page["nextCursor"] ?? .null
            } while cursor != .null && seen.count < 500
            #expect(seen == made, "every complaint once, the nearest deadline first")

            // A newest-first cursor is not one of the deadline order.
            let newest = try await server.result("complaint.list", ["limit": 2], key: key)
            let mixed = try await server.call("complaint.list", ["order": "due", "cursor": newest["nextCursor"] ?? .null], key: key)
            #expect(mixed["error"]?["data"]?["field"] == "cursor")

            // Received within a window; closed ones leave the open list.
            let window: JSONValue = [
                "receivedFrom": .string(Timestamp.format(start.addingTimeInterval(10 * 3600))),
                "receivedBefore": .string(Timestamp.format(start.addingTimeInterval(13 * 3600))),
            ]
            #expect(try await Self.ids(server, window, key: key) == [made[12], made[11], made[10]])
            _ = try await server.result("complaint.act", Self.withdrawal(made[0]), key: key)
            #expect(try await Self.ids(server, ["open": true, "order": "due", "limit": 1], key: key) == [made[1]])
            #expect(try await Self.ids(server, ["order": "due", "limit": 500], key: key).last == made[0], "no running deadline: last")
        }
    }
}
