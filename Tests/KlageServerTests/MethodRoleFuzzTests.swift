import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageStorage
import KlageTestSupport
import Testing

/// Every method, called by every role (and without a key), with well-formed params and params broken
/// in each of ``ParamsFuzzer/Breakage``'s ways, on every engine: every reply is well-formed JSON-RPC,
/// every result fits the schema `rpc.discover` lists for it (``SchemaCheck``), no bad input is answered
/// as an internal error (-32603), and a rejected request changes nothing stored (every table's rows are
/// compared before and after it).
///
/// Deterministic: the seed is printed; `KLAGE_FUZZ_SEED=<seed>` repeats the run, and
/// `KLAGE_FUZZ_ROUNDS=<n>` makes it n sweeps long (see `Benchmarks/fuzz`).
@Suite struct MethodRoleFuzzTests {
    @Test(arguments: StorageBackend.available)
    func everyMethodAndRoleWithWellFormedAndBrokenParams(_ backend: StorageBackend) async throws {
        let seed = ProcessInfo.processInfo.environment["KLAGE_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_128
        print("MethodRoleFuzzTests: seed \(seed) (repeat with KLAGE_FUZZ_SEED=\(seed))")
        try await withTestServer(backend) { server throws in
            var keys: [(role: String, key: String?)] = [("none", nil), ("operator", server.operatorKey)]
            for role in Role.tenantRoles { keys.append((role.rawValue, try await server.key("kobenhavn", role))) }
            let caseworker = keys.first { $0.role == "caseworker" }?.key
            let complaint = try #require(try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: caseworker).string("id"))
            let item = try #require(
                try await server.result("learning.create", ["title": "Call back sooner", "insight": "Waiting hurts"], key: caseworker).string("id"))
            var fuzzer = ParamsFuzzer(
                random: SeededGenerator(seed: seed),
                ids: ["complaintId": [complaint], "itemId": [item], "id": [complaint, item], "tenant": ["kobenhavn", "roskilde"]])
            let registry = server.host.dispatcher.registry
            var before = try await Self.snapshot(server)
            var sent = 0
            var rejected = 0
            var turn = 0
            // `KLAGE_FUZZ_ROUNDS` sweeps again, with new random params (Benchmarks/fuzz runs many).
            let rounds = ProcessInfo.processInfo.environment["KLAGE_FUZZ_ROUNDS"].flatMap { Int($0) } ?? 1
            for name in Array(repeating: registry.names, count: max(1, rounds)).joined() {
                let params = registry.entry(name)?.params ?? []
                // Well-formed params from every role; each breakage from the next role in turn.
                let calls =
                    keys.map { ($0, ParamsFuzzer.Breakage.none) }
                    + ParamsFuzzer.Breakage.allCases.dropFirst().map { breakage in
                        turn += 1
                        return (keys[turn % keys.count], breakage)
                    }
                for (caller, breakage) in calls {
                    let request: JSONValue = [
                        "jsonrpc": "2.0", "id": .number(Double(sent)), "method": .string(name),
                        "params": fuzzer.params(params, breakage: breakage),
                    ]
                    let body = try JSONEncoder().encode(sent % 7 == 6 ? JSONValue.array([request]) : request)
                    let (status, reply) = try await server.post(body, key: caller.key)
                    sent += 1
                    let what = "\(name) as \(caller.role) with \(breakage.rawValue) params"
                    if let problem = JSONRPCReplyCheck.problem(status: status, contentType: "application/json", body: Array(reply)) {
                        Issue.record("\(what): \(problem)")
                        continue
                    }
                    let parsed = try JSONDecoder().decode(JSONValue.self, from: reply)
                    let answer = parsed.arrayValue?.first ?? parsed
                    let after = try await Self.snapshot(server)
                    if let result = answer["result"], let method = registry.entry(name) {
                        let problem = SchemaCheck.problem(result, method.result, components: method.components)
                        #expect(problem == nil, "\(what): the result does not fit its schema: \(problem ?? "")")
                    }
                    if let error = answer["error"] {
                        rejected += 1
                        #expect(error["code"] != -32603, "\(what): an internal error for bad input: \(error)")
                        #expect(after == before, "\(what) was rejected (\(error["code"] ?? .null)) but changed what is stored")
                    }
                    before = after
                }
            }
            print("MethodRoleFuzzTests: \(sent) requests over \(registry.names.count) methods and \(keys.count) callers, \(rejected) rejected")
            #expect(sent >= max(1, rounds) * registry.names.count * (keys.count + ParamsFuzzer.Breakage.allCases.count - 1))
            #expect(try await server.result("system.health", key: nil).string("status") == "ok")
        }
    }

    /// Every stored row of every table but the migrations' own, hashed per table in any row order:
    /// equal when nothing stored changed.
    static func snapshot(_ server: TestServer) async throws -> [String: Int] {
        let postgres = server.host.store.driver.dialect == .postgres
        return try await server.host.store.driver.read(tenant: nil) { connection in
            let tables = try connection.query(
                postgres
                    ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()"
                    : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).compactMap { $0["name"].text }.filter { $0 != "klage_migrations" }
            var hashes: [String: Int] = [:]
            for table in tables {
                // A key's last use is written when it authenticates, whether or not the call then succeeds.
                hashes[table] = try connection.query("SELECT * FROM \(unsafeRaw: table)").reduce(0) { hash, row in
                    hash &+ "\(zip(row.columnNames, row.allValues).filter { $0.0 != "last_used_at" }.map(\.1))".hashValue
                }
            }
            return hashes
        }
    }
}
