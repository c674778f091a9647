import Foundation
import KlageKernel
import KlageServer
import KlageStorage
import KlageTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// An acknowledged write survives the server being killed (SIGKILL, no shutdown), on every engine.
@Suite struct CrashDurabilityTests {
    @Test(arguments: StorageBackend.available)
    func acknowledgedComplaintsSurviveAKill(_ backend: StorageBackend) async throws {
        let url = try backend.freshDatabaseURL()
        let binary = try #require(KlageProcess.binary)
        let port = try KlageProcess.freePort()
        // Migrate and make a key first, with the same binary.
        let key =
            try run(binary, ["key", "create", "--database", url, "--tenant", "kobenhavn", "--role", "caseworker"]).split(separator: "\n").last.map(
                String.init) ?? ""

        let server = try ChildProcess.start(
            binary, ["serve", "--database", url, "--port", String(port)], environment: ["KLAGE_LOG_LEVEL": "error", "PATH": "/usr/bin:/bin"],
            directory: FileManager.default.currentDirectoryPath)
        defer { server.send(SIGKILL) }
        try await waitUntilHealthy(port: port)

        let acknowledged = try await withThrowingTaskGroup(of: String?.self) { group in
            for index in 0..<40 {
                group.addTask {
                    var params = Fixtures.copenhagenComplaint.objectValue!
                    params["externalRef"] = .string("crash-\(index)")
                    let body = try JSONEncoder().encode(
                        ["jsonrpc": "2.0", "id": 1, "method": "complaint.create", "params": JSONValue.object(params)] as JSONValue)
                    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/rpc")!)
                    request.httpMethod = "POST"
                    request.httpBody = body
                    request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
                    let (data, _) = try await URLSession.shared.data(for: request)
                    return JSONValue.parse(data)["result"]?.string("id")
                }
            }
            return try await group.reduce(into: [String]()) { if let id = $1 { $0.append(id) } }
        }
        #expect(acknowledged.count == 40)
        server.send(SIGKILL)
        await server.exit()

        let store = try await openStore(url)
        for id in acknowledged {
            #expect(try await store.complaint(ComplaintID(id), tenant: "kobenhavn") != nil, "complaint \(id) was acknowledged")
        }
        await store.driver.close()
    }

    private func run(_ binary: String, _ arguments: [String]) throws -> String {
        try KlageProcess.output(binary, arguments)
    }

    private func waitUntilHealthy(port: Int) async throws {
        for _ in 0..<100 {
            if let (_, response) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/readyz")!),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the server did not become ready")
    }
}
