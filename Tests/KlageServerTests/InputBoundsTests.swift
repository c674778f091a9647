import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageStorage
import KlageTestSupport
import Synchronization
import Testing

/// What Klage refuses to store: NUL characters, texts whose characters are short but whose bytes are
/// not, numbers that do not fit; and the rows it cannot read do not stop the clocks of the host.
@Suite struct InputBoundsTests {
    @Test func aNulInAnyStringIsAParseErrorAndNothingIsStored() async throws {
        try await withTestServer(.sqlite) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let body =
                #"{"jsonrpc":"2.0","id":1,"method":"complaint.create","params":{"workflow":"borgerkontakt.dialogue","channel":"phone","subject":"s","description":"d","citizen":{"name":"n"},"externalRef":"REF\u0000a"}}"#
            let (status, data) = try await server.post(Data(body.utf8), key: key)
            #expect(status == 200)
            let answer = try JSONParser().parse(data)
            #expect(answer["error"]?["code"] == -32700)
            #expect(answer["error"]?["data"]?["reason"] == "U+0000 (NUL) is not accepted in a string")
            let listed = try await server.result("complaint.list", [:], key: key)["items"]?.arrayValue
            #expect(listed?.isEmpty == true)
        }
    }

    @Test func aTextIsBoundedByItsBytesAsWellAsItsCharacters() async throws {
        try await withTestServer(.sqlite) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            // One character: an "a" with 10,000 combining acute accents, 20,001 bytes of UTF-8.
            let heavy = "a" + String(repeating: "\u{301}", count: 10_000)
            #expect(heavy.count == 1)
            var params = Fixtures.copenhagenComplaint.objectValue!
            params["subject"] = .string(heavy)
            let answer = try await server.call("complaint.create", .object(params), key: key)
            #expect(answer["error"]?["code"] == -32022)
            #expect(answer["error"]?["data"]?["field"] == "subject")
            let admin = try await server.key("gladsaxe", .admin)
            let field = try await server.call("gladsaxe.department.create", ["name": .string(heavy), "champion": "LK"], key: admin)
            #expect(field["error"]?["code"] == -32022)
        }
    }

    @Test func aNumberBeyondAnyIntegerIsAValidationErrorNotACrash() async throws {
        try await withTestServer(.sqlite) { server throws in
            let admin = try await server.key("gladsaxe", .admin)
            for number in ["1e300", "-1e300", "1.5", "9223372036854775808"] {
                let body =
                    #"{"jsonrpc":"2.0","id":1,"method":"gladsaxe.department.create","params":{"name":"Teknik","champion":"LK","headcount":\#(number)}}"#
                let answer = try JSONParser().parse(try await server.post(Data(body.utf8), key: admin).body)
                #expect(answer["error"]?["code"] == -32022, "headcount \(number)")
                #expect(answer["error"]?["data"]?["field"] == "headcount")
            }
            #expect(try await server.result("system.health", key: nil)["status"] == "ok")
        }
    }

    @Test func theSQLiteDatabaseAndItsFolderAreTheServiceUsersOnly() async throws {
        let folder = TemporaryFolder.make().appendingPathComponent("data")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let path = folder.appendingPathComponent("klage.sqlite").path
        let store = try await openStore("sqlite:" + path)
        _ = try await store.allTenants()
        await store.driver.close()
        let folderMode = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
        for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) {
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
        }
    }

    @Test(arguments: StorageBackend.available)
    func aRowTheSchedulerCannotReadIsSkippedReportedAndPostponed(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        let reported = ReportedFailures()
        try await withTestStore(backend) { store throws in
            let tenant = Fixtures.tenant()
            try await store.insertTenant(tenant)
            let env = ServiceEnvironment(
                store: store, registry: try KlagePlugins.registry(), clock: clock, hashSecret: { $0 },
                followUpFailed: { what, _ in reported.add(what) })
            let complaints = ComplaintService(env)
            let broken = try await complaints.create(Fixtures.draft(externalRef: "broken"), in: tenant, by: Fixtures.caseworker(tenant.id))
            let sound = try await complaints.create(Fixtures.draft(externalRef: "sound"), in: tenant, by: Fixtures.caseworker(tenant.id))
            try await store.driver.write(tenant: nil) { connection in
                _ = try connection.execute("UPDATE complaints SET deadlines = 'not json' WHERE id = \(broken.id)")
            }
            clock.advance(by: 3 * 86_400)
            #expect(try await complaints.checkDeadlines() == 1)
            #expect(try await store.complaint(sound.id, tenant: tenant.id)?.escalatedAt != nil)
            #expect(reported.all.count == 1)
            #expect(reported.all.first?.contains(broken.id.rawValue) == true)
            #expect(try await store.complaintsToCheck(at: clock.now(), limit: 10).unreadable.isEmpty, "looked at again in an hour")
        }
    }
}

/// Failures reported through the service environment, collected for a test.
final class ReportedFailures: Sendable {
    private let store = Mutex<[String]>([])
    func add(_ what: String) { store.withLock { $0.append(what) } }
    var all: [String] { store.withLock { $0 } }
}
