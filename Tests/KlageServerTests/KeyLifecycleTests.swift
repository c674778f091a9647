import Foundation
import KlageKernel
import KlageRPC
import KlageStorage
import KlageTestSupport
import Testing

@testable import KlageServer

/// Keys for machines over real HTTP on both engines: an expiry refused with a clear error, a listing
/// for operators and tenant admins that never shows a secret, rotation whose old secret works until
/// the overlap ends, and a last use recorded at most once a minute.
@Suite struct KeyLifecycleTests {
    static let start = Fixtures.monday

    /// A caller's error code and message, or `nil` when it answered a result.
    func failure(_ server: TestServer, _ method: String, _ params: JSONValue = [:], key: String?) async throws -> (code: Int, message: String)? {
        let reply = try await server.call(method, params, key: key)
        guard let error = reply["error"] else { return nil }
        return (Int(error["code"]?.numberValue ?? 0), error["message"]?.stringValue ?? "")
    }

    @Test(arguments: StorageBackend.available)
    func anExpiredKeyIsRefusedWithAClearError(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Self.start)
        try await withTestServer(backend, clock: clock) { server throws in
            let created = try await server.result(
                "apiKey.create",
                [
                    "tenant": "kobenhavn", "role": "integration", "label": "ERP",
                    "expiresAt": .string(Timestamp.format(Self.start.addingTimeInterval(3_600))),
                ],
                key: server.operatorKey)
            #expect(created["expiresAt"]?.stringValue == Timestamp.format(Self.start.addingTimeInterval(3_600)))
            let secret = try #require(created["key"]?.stringValue)
            #expect(try await failure(server, "workflow.list", key: secret) == nil)
            clock.advance(by: 3_600)
            let refused = try #require(try await failure(server, "workflow.list", key: secret))
            #expect(refused.code == -32001)
            #expect(refused.message.contains("expired at 2026-11-25T10:30:00Z"))
            // An expiry in the past, or too far ahead, is refused at creation.
            for expiry in [Self.start, Self.start.addingTimeInterval(6 * 366 * 86_400)] {
                let bad = try #require(
                    try await failure(
                        server, "apiKey.create",
                        ["tenant": "kobenhavn", "role": "caseworker", "label": "x", "expiresAt": .string(Timestamp.format(expiry))],
                        key: server.operatorKey))
                #expect(bad.code == -32022 && bad.message.contains("expiresAt"))
            }
        }
    }

    @Test(arguments: StorageBackend.available)
    func listingIsScopedAndNeverShowsASecret(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            let admin = try await server.key("kobenhavn", .admin)
            let caseworker = try await server.key("kobenhavn", .caseworker)
            let other = try await server.key("roskilde", .admin)
            let mine = try await server.result("apiKey.list", key: admin)
            let items = try #require(mine["items"]?.arrayValue)
            #expect(items.count == 2 && items.allSatisfy { $0["tenant"]?.stringValue == "kobenhavn" })
            #expect(items.allSatisfy { $0["status"]?.stringValue == "active" && $0["hash"] == nil && $0["key"] == nil })
            let text = String(decoding: try JSONEncoder().encode(mine), as: UTF8.self)
            for secret in [admin, caseworker, other] {
                #expect(!text.contains(secret) && !text.contains(APIKeyService.hash(secret)))
            }
            // An admin asking for another tenant's keys learns nothing; a caseworker may not list.
            #expect(try await failure(server, "apiKey.list", ["tenant": "roskilde"], key: admin)?.code == -32004)
            #expect(try await failure(server, "apiKey.list", key: caseworker)?.code == -32003)
            #expect(try await failure(server, "apiKey.list", key: nil)?.code == -32001)
            let all = try await server.result("apiKey.list", key: server.operatorKey)["items"]?.arrayValue ?? []
            #expect(all.count == 4)  // the test operator's key, and the three above
            #expect(all.contains { ($0["tenant"] ?? .null) == .null && $0["role"]?.stringValue == "operator" })
            let roskilde = try await server.result("apiKey.list", ["tenant": "roskilde"], key: server.operatorKey)["items"]?.arrayValue
            #expect(roskilde?.count == 1)
            // Last use: the admin's key was used above.
            #expect(items.contains { $0["lastUsedAt"]?.stringValue != nil })
        }
    }

    @Test(arguments: StorageBackend.available)
    func rotationKeepsTheOldSecretUntilTheOverlapEnds(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Self.start)
        try await withTestServer(backend, clock: clock) { server throws in
            let admin = try await server.key("kobenhavn", .admin)
            let machine = try await server.result(
                "apiKey.create", ["tenant": "kobenhavn", "role": "integration", "label": "ERP"], key: server.operatorKey)
            let old = try #require(machine["key"]?.stringValue)
            let id = try #require(machine["id"])
            let rotated = try await server.result("apiKey.rotate", ["id": id, "overlapSeconds": 600], key: admin)
            let new = try #require(rotated["key"]?.stringValue)
            #expect(new != old && new.hasPrefix("klage_"))
            #expect(rotated["previousSecretValidUntil"]?.stringValue == Timestamp.format(Self.start.addingTimeInterval(600)))
            #expect(try await failure(server, "workflow.list", key: old) == nil)
            #expect(try await failure(server, "workflow.list", key: new) == nil)
            clock.advance(by: 600)
            let refused = try #require(try await failure(server, "workflow.list", key: old))
            #expect(refused.code == -32001 && refused.message.contains("rotated"))
            #expect(try await failure(server, "workflow.list", key: new) == nil)
            // Out of range, another tenant's key, and a caseworker are refused.
            #expect(try await failure(server, "apiKey.rotate", ["id": id, "overlapSeconds": .number(31 * 86_400)], key: admin)?.code == -32022)
            let otherAdmin = try await server.key("roskilde", .admin)
            #expect(try await failure(server, "apiKey.rotate", ["id": id, "overlapSeconds": 0], key: otherAdmin)?.code == -32004)
            let caseworker = try await server.key("kobenhavn", .caseworker)
            #expect(try await failure(server, "apiKey.rotate", ["id": id, "overlapSeconds": 0], key: caseworker)?.code == -32003)
            // Until a given time instead of for a while; both at once is refused.
            let until = Self.start.addingTimeInterval(600 + 3_600)
            let again = try await server.result("apiKey.rotate", ["id": id, "oldSecretValidUntil": .string(Timestamp.format(until))], key: admin)
            #expect(again["previousSecretValidUntil"]?.stringValue == Timestamp.format(until))
            clock.set(until)
            #expect(try await failure(server, "workflow.list", key: new)?.code == -32001)
            let both: JSONValue = ["id": id, "overlapSeconds": 1, "oldSecretValidUntil": .string(Timestamp.format(until))]
            #expect(try await failure(server, "apiKey.rotate", both, key: admin)?.code == -32022)
        }
    }

    @Test(arguments: StorageBackend.available)
    func lastUseIsRecordedAboutOnceAMinute(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Self.start)
        try await withTestServer(backend, clock: clock) { server throws in
            let key = try await server.key("kobenhavn", .admin)
            func lastUsed() async throws -> String? {
                let items = try await server.result("apiKey.list", key: server.operatorKey)["items"]?.arrayValue ?? []
                return items.first { $0["role"]?.stringValue == "admin" }?["lastUsedAt"]?.stringValue
            }
            #expect(try await lastUsed() == nil)
            _ = try await server.result("workflow.list", key: key)
            #expect(try await lastUsed() == Timestamp.format(Self.start))
            clock.advance(by: 30)
            for _ in 0..<20 { _ = try await server.result("workflow.list", key: key) }
            #expect(try await lastUsed() == Timestamp.format(Self.start))
            clock.advance(by: 31)
            _ = try await server.result("workflow.list", key: key)
            #expect(try await lastUsed() == Timestamp.format(Self.start.addingTimeInterval(61)))
        }
    }
}
