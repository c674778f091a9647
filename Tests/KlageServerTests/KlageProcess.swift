import Foundation
import KlageKernel
import KlageTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A real `klage serve` process on a free loopback port, for tests that drive the built executable.
///
/// ```swift
/// let server = try await KlageProcess.serve(binary: binary, database: url, in: repository)
/// defer { server.stop() }
/// ```
struct KlageProcess: Sendable {
    let port: Int
    private let process: ChildProcess

    /// The `klage` executable that `swift build` and `swift test` put beside the test bundle.
    static let binary: String? = executable("klage")

    /// The test-only `klage-test-server` beside it: `klage serve` with webhooks to loopback allowed and
    /// the crash switch `KLAGE_TEST_CRASH_BEFORE_HOOKS`, which the production binary does not have.
    static let testServer: String? = executable("klage-test-server")

    private static func executable(_ name: String) -> String? {
        let folder = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        let candidates = [
            folder.appendingPathComponent(name).path,
            folder.deletingLastPathComponent().appendingPathComponent(name).path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts `klage serve` on `database` (through `KLAGE_DATABASE_URL`) from `folder`, whose `Config/`
    /// it reads, and waits until it is ready. - Throws: when it does not become ready within 20 s.
    /// `environment` adds variables (for ``testServer``, a test switch such as `KLAGE_TEST_CRASH_BEFORE_HOOKS`). Standard error
    /// goes to `log` when given, which the caller then reads and removes; to a scratch file otherwise.
    static func serve(
        binary: String, database: String, in folder: URL, environment: [String: String] = [:], log kept: URL? = nil, port chosen: Int? = nil
    ) async throws -> KlageProcess {
        let port = try chosen ?? freePort()
        let log = kept ?? FileManager.default.temporaryDirectory.appendingPathComponent("klage-serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { if kept == nil { try? FileManager.default.removeItem(at: log) } }
        let process = try ChildProcess.start(
            binary, ["serve", "--host", "127.0.0.1", "--port", String(port)],
            environment: ["KLAGE_DATABASE_URL": database, "KLAGE_LOG_LEVEL": "error", "PATH": "/usr/bin:/bin"].merging(environment) { $1 },
            directory: folder.path, error: .file(log.path))
        let server = KlageProcess(port: port, process: process)
        for _ in 0..<200 {
            if let (_, response) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/readyz")!),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                return server
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        server.stop()
        throw NotReady(port: port, log: String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self).suffix(2_000))
    }

    /// Stops the server with SIGTERM, as an operator would, and waits for it to exit.
    func stop() {
        guard process.isRunning else { return }
        process.send(SIGTERM)
        process.waitUntilExit()
    }

    /// Waits until the process has exited by itself; returns how it ended.
    func waitForExit() async -> ChildProcess.Termination { await process.exit() }

    struct NotReady: Error, CustomStringConvertible {
        let port: Int
        /// The end of what the server wrote to standard error (errors only).
        let log: Substring
        var description: String { "klage serve did not become ready on port \(port):\n\(log)" }
    }

    /// A port that was free a moment ago.
    static func freePort() throws -> Int { try LoopbackSockets.freePort() }
}

extension KlageProcess {
    /// Runs `binary` with `arguments` in `folder` to its end and returns its standard output, trimmed
    /// (standard error is dropped).
    static func output(
        _ binary: String, _ arguments: [String], in folder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) throws -> String {
        try ChildProcess.runBlocking(binary, arguments, directory: folder.path).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension KlageProcess {
    /// One JSON-RPC call with `key`: the whole response object. - Throws: when the server does not answer.
    func call(_ method: String, _ params: JSONValue = [:], key: String) async throws -> JSONValue {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/rpc")!)
        request.httpMethod = "POST"
        request.httpBody = try JSONEncoder().encode(["jsonrpc": "2.0", "id": 1, "method": .string(method), "params": params] as JSONValue)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        let (data, _) = try await URLSession.shared.data(for: request)
        return JSONValue.parse(data)
    }
}
