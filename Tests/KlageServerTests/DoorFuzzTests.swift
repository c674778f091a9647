import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

/// Generated inputs at each door that reads a body besides `POST /rpc` (which ``HostileRequestFuzzTests``
/// covers): the intake's form and JSON twin, console sign-in and `POST /console/rpc`. Valid bodies and
/// mutations of them (``RequestFuzzer/mutate(_:)``), 20,000 per door by default (`KLAGE_DOOR_FUZZ_INPUTS`),
/// on a few keep-alive connections: every answer is a clean HTTP answer (no 5xx but 503, JSON where
/// JSON is promised), and the host is healthy at the end.
///
/// Deterministic: `KLAGE_FUZZ_SEED=<seed>` repeats a run; a failure names the door, the input's index
/// and its first bytes.
@Suite struct DoorFuzzTests {
    static let connections = 4
    static let inputsPerDoor = ProcessInfo.processInfo.environment["KLAGE_DOOR_FUZZ_INPUTS"].flatMap { Int($0) } ?? 20_000

    /// One door: where it is, the headers it is sent with, and how its valid bodies look.
    struct Door: Sendable {
        let name: String
        let path: String
        let headers: [(String, String)]
        let valid: @Sendable (inout RequestFuzzer) -> [UInt8]
        /// Whether replies are JSON-RPC (checked as `POST /rpc`'s are).
        var jsonRPC = false
    }

    @Test(.timeLimit(.minutes(20)))
    func generatedInputsAtEveryDoorGetCleanAnswers() async throws {
        let seed = ProcessInfo.processInfo.environment["KLAGE_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_207
        print("DoorFuzzTests: seed \(seed) (repeat with KLAGE_FUZZ_SEED=\(seed))")
        try await withTestServer(tenants: EveryDoorTests.tenants) { server in
            let key = try await server.key("kobenhavn", .caseworker)
            var console = ConsoleClient(port: server.port)
            try await console.signIn(try await server.key("kobenhavn", .caseworker))
            let token = try await IntegrationIntakeTests.formToken(server)
            let session = [("Cookie", "klage_session=\(console.cookie ?? "")"), ("X-CSRF-Token", console.csrf ?? "")]
            let doors = [
                Door(name: "intake JSON", path: "/klage/kobenhavn/api", headers: []) { Self.intakeJSON(&$0) },
                Door(name: "intake form", path: "/klage/kobenhavn", headers: [("Content-Type", "application/x-www-form-urlencoded")]) {
                    Self.intakeForm(&$0, token: token)
                },
                Door(name: "console sign-in", path: "/console/session", headers: []) { fuzzer in
                    Array("{\"key\":\(fuzzer.number(0..<50) == 0 ? "\"\(key)\"" : fuzzer.jsonString())}".utf8)
                },
                Door(name: "console rpc", path: "/console/rpc", headers: session, valid: { $0.next().body }, jsonRPC: true),
            ]
            let methods = server.host.dispatcher.registry.names
            let port = server.port
            for door in doors {
                let started = ContinuousClock.now
                let failures = await withTaskGroup(of: String?.self) { group in
                    for connection in 0..<Self.connections {
                        group.addTask {
                            await onOwnThread { Self.run(door, seed: seed &+ UInt64(connection), port: port, methods: methods) }
                        }
                    }
                    return await group.reduce(into: [String]()) { if let failure = $1 { $0.append(failure) } }
                }
                print("DoorFuzzTests: \(door.name): \(Self.inputsPerDoor) inputs in \(ContinuousClock.now - started)")
                for failure in failures { Issue.record(Comment(rawValue: "\(door.name): \(failure)")) }
            }
            #expect(try await server.result("system.health", key: nil).string("status") == "ok")
            #expect(try await server.result("complaint.list", [:], key: key)["items"]?.arrayValue != nil)
        }
    }

    /// One connection's share of a door's inputs; the first bad answer, if any.
    static func run(_ door: Door, seed: UInt64, port: Int, methods: [String]) -> String? {
        var fuzzer = RequestFuzzer(seed: seed, methods: methods)
        let http = RawHTTPConnection(port: port)
        for index in 0..<(inputsPerDoor / connections) {
            let valid = door.valid(&fuzzer)
            let body = door.jsonRPC || fuzzer.number(0..<3) == 0 ? valid : fuzzer.mutate(valid)
            let prefix = String(decoding: body.prefix(120), as: UTF8.self).debugDescription
            do {
                let reply = try http.request("POST", path: door.path, body: body, headers: door.headers)
                if door.jsonRPC {
                    if let problem = JSONRPCReplyCheck.problem(status: reply.status, contentType: reply.headers["content-type"], body: reply.body) {
                        return "input \(index): \(problem); body starts \(prefix)"
                    }
                } else if reply.status >= 500, reply.status != 503 {
                    return "input \(index): HTTP \(reply.status); body starts \(prefix)"
                } else if reply.headers["content-type"]?.hasPrefix("application/json") == true, (try? JSONParser().parse(Data(reply.body))) == nil {
                    return "input \(index): a JSON reply that is not JSON; body starts \(prefix)"
                }
            } catch {
                return "input \(index): \(error); body starts \(prefix)"
            }
        }
        return nil
    }

    /// An intake submission as JSON, some fields left out.
    static func intakeJSON(_ fuzzer: inout RequestFuzzer) -> [UInt8] {
        var fields = ["subject", "description", "name", "phone", "email", "callbackWhen", "website"].compactMap { name in
            fuzzer.number(0..<5) == 0 ? nil : "\"\(name)\":\(fuzzer.jsonString())"
        }
        fields.append("\"consent\":" + (fuzzer.number(0..<4) == 0 ? "false" : "true"))
        return Array(("{" + fields.joined(separator: ",") + "}").utf8)
    }

    /// An intake form body with the page's token, values percent-encoded, some fields left out.
    static func intakeForm(_ fuzzer: inout RequestFuzzer, token: String) -> [UInt8] {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        var fields = ["token=\(token)", "consent=yes"]
        for name in ["subject", "description", "name", "phone", "callbackWhen"] where fuzzer.number(0..<5) > 0 {
            let value = String(fuzzer.jsonString().dropFirst().dropLast())
            fields.append("\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")")
        }
        return Array(fields.joined(separator: "&").utf8)
    }
}
