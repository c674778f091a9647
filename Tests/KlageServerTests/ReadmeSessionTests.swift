import Foundation
import KlageKernel
import KlageTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The README's curl session, run verbatim as one bash script against a real `klage serve` on a fresh
/// database, on every engine: the README is part of the product, and it fails here when it drifts.
///
/// The session reads `KLAGE` (the binary), `KLAGE_URL` (the server) and `KLAGE_DATABASE_URL` (which
/// `klage key create` shares with the server); the test sets all three. It needs bash, curl and jq.
@Suite struct ReadmeSessionTests {
    /// The repository's root, found from this file's path.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theReadmeHasACurlSessionThatItsVariablesCanRedirect() throws {
        let session = try Self.session()
        #expect(session.contains("KLAGE=${KLAGE:-.build/debug/klage}"))
        #expect(session.contains("KLAGE_URL=${KLAGE_URL:-http://127.0.0.1:8080}"))
        #expect(!session.contains("127.0.0.1:8080/rpc"), "the session calls $KLAGE_URL, not a fixed address")
        #expect(!Self.methods(in: session).isEmpty)
    }

    @Test(arguments: StorageBackend.available)
    func theCurlSessionRunsAsWritten(_ backend: StorageBackend) async throws {
        let session = try Self.session()
        let binary = try #require(KlageProcess.binary, "the klage executable is not built next to the tests")
        let database = try backend.freshDatabaseURL()
        let server = try await KlageProcess.serve(binary: binary, database: database, in: Self.repository)
        defer { server.stop() }

        let run = try await Self.bash(
            session,
            environment: [
                "KLAGE": binary, "KLAGE_URL": "http://127.0.0.1:\(server.port)", "KLAGE_DATABASE_URL": database, "KLAGE_LOG_LEVEL": "error",
            ])
        var problems: [String] = []
        func check(_ condition: Bool, _ problem: String) { if !condition { problems.append(problem) } }
        check(run.status == 0, "the script exited with \(run.status)")

        var output = SessionOutput(run.stdout)
        // echo "complaint $ID"
        let id = output.text()?.wholeMatch(of: /complaint ([0-9a-f-]{36})/).map { String($0.1) }
        check(id != nil, "no 'complaint <id>' line")
        // contact.record: the whole response
        let contact = output.json()
        check(contact?["error"] == nil, "contact.record answered an error")
        check(
            contact?["result"]?.string("complaintId") == id && contact?["result"]?.string("kind") == "phone",
            "contact.record did not return the phone contact")
        // complaint.get | jq '.result | {state, version, deadlines}'
        let read = output.json()
        check(read?.string("state") == "received", "complaint.get: state is not received")
        check(read?["version"] == 2, "complaint.get: the contact did not move the version to 2")
        let deadline = read?["deadlines"]?.arrayValue?.first { $0.string("name") == "firstContact" }
        check(
            deadline?.string("metAt") != nil && deadline?["missed"] == false, "complaint.get: the call-back did not meet the first-contact deadline")
        // complaint.act confirmContact | jq .result.state
        check(output.text() == "\"contacted\"", "confirmContact did not answer \"contacted\"")
        // complaint.act close | jq '.result | {state, outcome}'
        let closed = output.json()
        check(closed?.string("state") == "closed" && closed?.string("outcome") == "withdrawn", "close did not answer closed, withdrawn")
        // complaint.journey: "<at>  <summary>" lines, oldest first
        var journey: [(at: Date, summary: String)] = []
        while let line = output.peek(), let match = line.wholeMatch(of: /(\S+)  (.+)/), let at = Timestamp.parse(String(match.1)) {
            journey.append((at, String(match.2)))
            _ = output.text()
        }
        check(journey.count >= 4, "the journey has fewer than 4 events")
        check(journey.map(\.at) == journey.map(\.at).sorted(), "the journey is not oldest first")
        check(journey.contains { $0.summary.localizedCaseInsensitiveContains("contact") }, "the journey does not show the contact")
        check(
            journey.contains { $0.summary.contains("'contacted'") } && journey.contains { $0.summary.contains("'closed'") },
            "the journey does not show the states contacted and closed")
        // rpc.discover: one method name a line, and every method the session calls is among them
        let listed = Set(output.rest())
        for method in Self.methods(in: session) + ["borgerkontakt.task.list"] where !listed.contains(method) {
            problems.append("rpc.discover does not list \(method)")
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "; "))\n--- stdout\n\(run.stdout)--- stderr\n\(run.stderr)")
    }

    /// The fenced `sh` block under "## A first session with curl".
    static func session() throws -> String {
        let readme = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "\n## A first session with curl\n"), "README.md lost its curl section")
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "\n```sh\n"), "the curl section has no sh block")
        let close = try #require(rest[open.upperBound...].range(of: "\n```\n"), "the sh block is not closed")
        return String(rest[open.upperBound..<close.lowerBound]) + "\n"
    }

    /// The JSON-RPC methods a script calls.
    static func methods(in script: String) -> [String] {
        script.matches(of: /"method":"([A-Za-z.]+)"/).map { String($0.1) }
    }

    /// Runs `script` with `bash -e -o pipefail`, bounded to two minutes, from the repository's root.
    static func bash(_ script: String, environment: [String: String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("session.sh")
        try script.write(to: file, atomically: true, encoding: .utf8)
        return try await ChildProcess.run(
            "/usr/bin/timeout", ["120", "bash", "-e", "-o", "pipefail", file.path],
            environment: ProcessInfo.processInfo.environment.merging(environment) { $1 }, directory: repository.path)
    }
}

/// The session's standard output, read front to back: text lines and JSON values, as jq prints them.
private struct SessionOutput {
    private var lines: [Substring]

    init(_ text: String) { lines = text.split(separator: "\n", omittingEmptySubsequences: true) }

    func peek() -> String? { lines.first.map(String.init) }

    /// The next line.
    mutating func text() -> String? { lines.isEmpty ? nil : String(lines.removeFirst()) }

    /// The next JSON object: one line, or jq's pretty print from `{` to `}` at the line's start.
    mutating func json() -> JSONValue? {
        guard let first = lines.first, first.hasPrefix("{") else { return nil }
        var taken = [lines.removeFirst()]
        if first == "{" {
            while let line = lines.first {
                taken.append(lines.removeFirst())
                if line == "}" { break }
            }
        }
        return try? JSONDecoder().decode(JSONValue.self, from: Data(taken.joined(separator: "\n").utf8))
    }

    /// Every line left.
    mutating func rest() -> [String] {
        defer { lines = [] }
        return lines.map(String.init)
    }
}
