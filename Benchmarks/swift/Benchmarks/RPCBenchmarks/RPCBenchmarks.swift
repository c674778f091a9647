import Benchmark
import Foundation
import KlageKernel
import KlageRPC
import KlageServer

/// Micro-benchmarks of the JSON-RPC codec and the dispatcher, without HTTP:
///
///     swift package --package-path Benchmarks/swift benchmark
///
/// They say where a request's CPU goes between the bytes on the wire and the storage: parsing a
/// request, encoding a complaint's view (Foundation's encoder beside the one responses use), reading
/// a complaint's row, and the dispatcher end to end (authenticate with the key
/// cache, decode params, run the method, encode the reply), on a real SQLite file.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput], warmupIterations: 10, maxDuration: .seconds(3))

    Benchmark("parse: complaint.create request") { benchmark in
        let parser = JSONParser()
        for _ in benchmark.scaledIterations { blackHole(try parser.parse(Requests.create)) }
    }

    encoding("encode: complaint view (Foundation JSONEncoder)") {
        let encoder = JSONEncoder()
        return { try encoder.encode($0) }
    }
    // What responses are written with (the same bytes; RPCResponse checks that in debug builds).
    encoding("encode: complaint view (JSONBytesEncoder)") {
        let encoder = JSONBytesEncoder()
        return { try encoder.encode($0) }
    }

    // The row reader: one complaint read and decoded from its SQLite row, without the access log.
    Benchmark("read: complaint row (SQLite, decoded)") { benchmark, host in
        for _ in benchmark.scaledIterations {
            blackHole(try await host.host.store.complaint(ComplaintID(host.complaint), tenant: "kobenhavn"))
        }
    } setup: {
        try await DispatchHost.shared()
    }

    dispatching("dispatch: system.health (no key)", withKey: false) { _ in Requests.health }
    dispatching("dispatch: workflow.list (key, no storage)") { _ in Requests.workflows }
    dispatching("dispatch: complaint.get (SQLite, access log)") { Requests.get($0.complaint) }
    dispatching("dispatch: complaint.create (SQLite)") { _ in Requests.create }
}

/// A benchmark of encoding the complaint's view over and over with the encoder `make` returns.
func encoding(_ name: String, make: @escaping @Sendable () -> (ComplaintView) throws -> any Sendable) {
    Benchmark(name) { benchmark, host in
        let view = try await host.view()
        let encode = make()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try encode(view)) }
    } setup: {
        try await DispatchHost.shared()
    }
}

/// A benchmark of the dispatcher answering `body` over and over, with the caseworker key unless `withKey` is false.
func dispatching(_ name: String, withKey: Bool = true, body: @escaping @Sendable (DispatchHost) -> Data) {
    Benchmark(name) { benchmark, host in
        let (request, authorization) = (body(host), withKey ? host.authorization : nil)
        for _ in benchmark.scaledIterations {
            blackHole(await host.host.dispatcher.reply(body: request, authorization: authorization))
        }
    } setup: {
        try await DispatchHost.shared()
    }
}

/// The request bodies, as a case system sends them.
enum Requests {
    static let create = Data(
        #"""
        {"jsonrpc":"2.0","id":1,"method":"complaint.create","params":{"workflow":"borgerkontakt.dialogue","channel":"phone",
        "subject":"Ventetid på rollator","description":"Borgeren har ventet ni uger på en rollator.",
        "citizen":{"name":"Jens Hansen","phone":"+45 12 34 56 78"}}}
        """#.utf8)
    static let health = Data(#"{"jsonrpc":"2.0","id":1,"method":"system.health"}"#.utf8)
    static let workflows = Data(#"{"jsonrpc":"2.0","id":1,"method":"workflow.list"}"#.utf8)
    static func get(_ id: String) -> Data { Data(#"{"jsonrpc":"2.0","id":1,"method":"complaint.get","params":{"id":"\#(id)"}}"#.utf8) }
}

/// One Klage host on a fresh SQLite file with the demo tenants, a caseworker key and one complaint.
struct DispatchHost: @unchecked Sendable {
    let host: KlageHost
    let authorization: String
    let complaint: String

    /// The complaint's view as `complaint.get` shows it.
    func view() async throws -> ComplaintView {
        let actor = Principal(id: "benchmark", tenant: "kobenhavn", role: .caseworker, label: "benchmark")
        guard let complaint = try await host.store.complaint(ComplaintID(complaint), tenant: "kobenhavn") else {
            throw Missing()
        }
        return ComplaintView(complaint, now: Date(), for: actor)
    }

    struct Missing: Error {}

    private static let made = Task { try await make() }

    static func shared() async throws -> DispatchHost { try await made.value }

    private static func make() async throws -> DispatchHost {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("klage-rpc-benchmarks-\(UUID().uuidString)")
        var configuration = ServerConfiguration()
        configuration.database = "sqlite:" + folder.appendingPathComponent("klage.sqlite").path
        configuration.tenants = [.init(id: "kobenhavn", name: "København", plugins: ["borgerkontakt"])]
        configuration.limits.keyRequestsPerSecond = 0
        configuration.limits.anonymousRequestsPerSecond = 0
        let host = try await KlageHost.open(configuration)
        try await host.seedTenants()
        let key = try await host.services.keys.create(tenant: "kobenhavn", role: .caseworker, label: "benchmark").secret
        let reply = await host.dispatcher.reply(body: Requests.create, authorization: "Bearer \(key)")
        let answer = try JSONParser().parse(reply.body ?? Data())
        guard case .object(let fields) = answer, case .object(let result)? = fields["result"], case .string(let id)? = result["id"] else {
            throw Missing()
        }
        return DispatchHost(host: host, authorization: "Bearer \(key)", complaint: id)
    }
}
