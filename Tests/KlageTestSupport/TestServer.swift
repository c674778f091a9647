public import Foundation
public import KlageKernel
import KlageRPC
public import KlageServer
public import Logging
import ServiceLifecycle

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A Klage server on a free loopback port, over a fresh database, for end-to-end tests over real HTTP.
public struct TestServer: Sendable {
    public let host: KlageHost
    public let port: Int
    /// A host operator key.
    public let operatorKey: String

    /// The demo tenants, as in `Config/tenants`.
    public static let demoTenants: [ServerConfiguration.TenantSeed] = [
        .init(id: "kobenhavn", name: "Københavns Kommune", plugins: ["borgerkontakt"]),
        .init(id: "roskilde", name: "Roskilde Kommune", plugins: ["roskilde"]),
        .init(id: "gladsaxe", name: "Gladsaxe Kommune", plugins: ["borgerkontakt", "gladsaxe"]),
    ]

    /// Posts a raw body to `/rpc` with `headers`; returns the HTTP status and body.
    public func post(_ body: Data, key: String?, path: String = "/rpc", headers: [String: String] = [:]) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// GETs a path; returns the HTTP status and body.
    public func get(_ path: String) async throws -> (status: Int, body: Data) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// Calls one method and returns the whole response object.
    public func call(_ method: String, _ params: JSONValue = [:], key: String?) async throws -> JSONValue {
        let request: JSONValue = ["jsonrpc": "2.0", "id": 1, "method": .string(method), "params": params]
        let (_, body) = try await post(try JSONEncoder().encode(request), key: key)
        return try JSONDecoder().decode(JSONValue.self, from: body)
    }

    /// Calls one method and returns its result. - Throws: ``RPCFailure`` when it answered an error.
    public func result(_ method: String, _ params: JSONValue = [:], key: String?) async throws -> JSONValue {
        let response = try await call(method, params, key: key)
        if let error = response["error"] {
            throw RPCFailure(code: Int(error["code"]?.numberValue ?? 0), message: error["message"]?.stringValue ?? "", data: error["data"])
        }
        return response["result"] ?? .null
    }

    /// A new key for a tenant role, made through the operator's `apiKey.create`.
    public func key(_ tenant: String, _ role: Role) async throws -> String {
        let result = try await result(
            "apiKey.create", ["tenant": .string(tenant), "role": .string(role.rawValue), "label": "test"], key: operatorKey)
        return result["key"]?.stringValue ?? ""
    }
}

/// A JSON-RPC error answer, thrown by ``TestServer/result(_:_:key:)``.
public struct RPCFailure: Error, Equatable {
    public let code: Int
    public let message: String
    public let data: JSONValue?
}

/// Starts a server on a fresh database of `backend` (or on `databaseURL`) with `plugins` and `tenants`,
/// runs `body`, and stops it.
///
/// The rate limits are off (tests call as fast as they can); `configure` may turn them on, or change
/// any other setting, before the host opens.
public func withTestServer<T: Sendable>(
    _ backend: StorageBackend = .sqlite, databaseURL: String? = nil, clock: any KlageClock = SystemClock(),
    plugins: [any KlagePlugin] = KlagePlugins.all, tenants: [ServerConfiguration.TenantSeed] = TestServer.demoTenants,
    configure: (inout ServerConfiguration) -> Void = { _ in },
    logger custom: Logger? = nil,
    _ body: @Sendable (TestServer) async throws -> T
) async throws -> T {
    var configuration = ServerConfiguration()
    configuration.port = 0
    configuration.database = try databaseURL ?? backend.freshDatabaseURL()
    configuration.tenants = tenants
    configuration.schedulerIntervalSeconds = 0  // tests run the deadline checks themselves, at fixed times
    configuration.deliveryIntervalSeconds = 0  // and the delivery dispatcher (`host.integrations.deliveries.dispatchDue()`)
    configuration.limits.keyRequestsPerSecond = 0
    configuration.limits.anonymousRequestsPerSecond = 0
    configuration.limits.failedCredentialsPerSecond = 0
    configuration.limits.signInsPerSecond = 0
    // One SQLite reader, not four: the suite runs many servers and stores side by side, and each
    // connection holds two or three descriptors.
    configuration.limits.sqliteReaders = 1
    // The whole suite starves two cores for minutes: a connection that waits that long for its upgrade's
    // answer (a key or session read) is not idle. Tests of the idle timeout set their own.
    configuration.limits.httpIdleTimeoutSeconds = 600
    configure(&configuration)
    var logger = Logger(label: "klage-test")
    logger.logLevel = .warning
    if let custom { logger = custom }
    let host = try await KlageHost.open(configuration, plugins: plugins, clock: clock, logger: logger)
    let operatorKey = try await host.services.keys.create(tenant: nil, role: .operator, label: "test operator").secret
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let app = HTTPServer.application(host: host) { port in continuation.yield(port) }
    let services = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await services.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            // The server stopped before it listened: say why (a port or descriptor it could not get).
            try await group.next()
            throw ServerDidNotStart()
        }
        let server = TestServer(host: host, port: port, operatorKey: operatorKey)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(server))
        } catch {
            result = .failure(error)
        }
        await services.triggerGracefulShutdown()
        try await group.waitForAll()
        await host.shutdown()
        return try result.get()
    }
}

/// The test server stopped before it listened, without saying why.
struct ServerDidNotStart: Error, CustomStringConvertible {
    var description: String { "the test server stopped before it listened" }
}
