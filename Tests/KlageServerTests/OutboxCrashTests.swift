import Foundation
import KlageKernel
import KlageStorage
import KlageTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A crash between the commit and the plug-in hooks loses nothing: the test-only server
/// (`klage-test-server`) kills itself (SIGKILL) right after committing a contact whose agreement
/// Copenhagen's hook turns into tasks; the restarted server (`klage serve`) creates them from its
/// outbox. The production binary `klage` has no such switch. On every engine.
@Suite struct OutboxCrashTests {
    static let triangle: JSONValue = [
        "introduction": ["purposeStated": true, "acceptance": true],
        "listening": ["interests": "A walker before the weekend", "summary": "The delay is the problem", "options": ["express delivery"]],
        "agreement": [
            "tasks": [
                ["who": "Caseworker", "what": "Order express delivery", "due": "2030-01-07T12:00:00Z"],
                ["who": "Citizen", "what": "Call if it has not arrived", "due": "2030-01-08T12:00:00Z"],
            ],
            "furtherQuestions": true, "thanked": true,
        ],
    ]

    @Test(arguments: StorageBackend.available)
    func aCrashBetweenCommitAndHookLosesNothing(_ backend: StorageBackend) async throws {
        let url = try backend.freshDatabaseURL()
        let binary = try #require(KlageProcess.binary)
        let testServer = try #require(KlageProcess.testServer)
        let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let key = try await Self.caseworkerKey(binary: binary, database: url, in: folder)

        let crashing = try await KlageProcess.serve(
            binary: testServer, database: url, in: folder, environment: ["KLAGE_TEST_CRASH_BEFORE_HOOKS": "1"])
        defer { crashing.stop() }
        let complaint = try #require(
            try await Self.call(crashing, "complaint.create", Fixtures.copenhagenComplaint, key: key)?["result"]?.string("id"))
        let contact: JSONValue = [
            "complaintId": .string(complaint), "kind": "phone", "occurredAt": .string(Timestamp.format(Date())),
            "summary": "Called back and listened", "agreement": "Express delivery", "fields": Self.triangle,
        ]
        #expect(try await Self.call(crashing, "contact.record", contact, key: key) == nil, "the server died before answering")
        #expect(await crashing.waitForExit() == .signalled(SIGKILL))

        // The contact is committed; its hook has not run.
        let store = try await openStore(url)
        #expect(try await store.contacts(of: ComplaintID(complaint), tenant: "kobenhavn").count == 1)
        #expect(try await store.records(kind: "task", matching: PluginRecordQuery(), plugin: "borgerkontakt", tenant: "kobenhavn").isEmpty)
        await store.driver.close()

        let restarted = try await KlageProcess.serve(binary: binary, database: url, in: folder)
        defer { restarted.stop() }
        var tasks: [JSONValue] = []
        for _ in 0..<600 where tasks.count < 2 {
            try await Task.sleep(for: .milliseconds(100))
            tasks =
                try await Self.call(restarted, "borgerkontakt.task.list", ["complaintId": .string(complaint)], key: key)?["result"]?["items"]?
                .arrayValue ?? []
        }
        #expect(tasks.map { $0.string("who") } == ["Caseworker", "Citizen"])
        let journey =
            try await Self.call(restarted, "complaint.journey", ["id": .string(complaint)], key: key)?["result"]?["events"]?.arrayValue ?? []
        #expect(journey.filter { $0.string("type") == "borgerkontakt.section13Note" }.count == 1)
    }

    @Test(arguments: StorageBackend.available)
    func theProductionBinaryHasNoCrashSwitch(_ backend: StorageBackend) async throws {
        let binary = try #require(KlageProcess.binary)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: binary))
        #expect(bytes.range(of: Data("KLAGE_TEST_CRASH_BEFORE_HOOKS".utf8)) == nil, "the variable's name is not in klage")

        let url = try backend.freshDatabaseURL()
        let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let key = try await Self.caseworkerKey(binary: binary, database: url, in: folder)
        let server = try await KlageProcess.serve(binary: binary, database: url, in: folder, environment: ["KLAGE_TEST_CRASH_BEFORE_HOOKS": "1"])
        defer { server.stop() }
        let complaint = try #require(
            try await Self.call(server, "complaint.create", Fixtures.copenhagenComplaint, key: key)?["result"]?.string("id"))
        let contact: JSONValue = [
            "complaintId": .string(complaint), "kind": "phone", "occurredAt": .string(Timestamp.format(Date())),
            "summary": "Called back and listened", "agreement": "Express delivery", "fields": Self.triangle,
        ]
        let recorded = try await Self.call(server, "contact.record", contact, key: key)
        #expect(recorded?["result"] != nil, "klage answers and lives on with the variable set: \(String(describing: recorded))")
        #expect(try await Self.call(server, "system.health", [:], key: key) != nil)
    }

    /// A caseworker key of Copenhagen, made with the binary (which migrates and seeds the tenants).
    private static func caseworkerKey(binary: String, database: String, in folder: URL) async throws -> String {
        try KlageProcess.output(binary, ["key", "create", "--database", database, "--tenant", "kobenhavn", "--role", "caseworker"], in: folder)
            .split(separator: "\n").last.map(String.init) ?? ""
    }

    /// One call; `nil` when the server did not answer.
    private static func call(_ server: KlageProcess, _ method: String, _ params: JSONValue, key: String) async throws -> JSONValue? {
        try? await server.call(method, params, key: key)
    }
}
