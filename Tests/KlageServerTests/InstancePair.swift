import Foundation
import KlageKernel
import KlageTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Two real `klage serve` processes, A and B, on one database, for the tests of several instances.
///
/// They share a configuration folder of their own: Copenhagen with a 24-hour call-back clock (so a test
/// can make a deadline fall due at a moment of its choosing), the deadline scheduler and the outbox
/// dispatcher every second, no rate limit per key, and info logs kept in the folder, so a test can read
/// how many deliveries each dispatcher ran.
///
/// ```swift
/// let pair = try await InstancePair.start(database: url)
/// defer { pair.stop() }
/// ```
struct InstancePair: Sendable {
    let a: KlageProcess
    let b: KlageProcess
    /// A caseworker key of Copenhagen and a host operator key, made with the binary before the start.
    let caseworker: String
    let hostOperator: String
    private let folder: URL

    /// Writes the configuration, makes the keys (the binary migrates and seeds the tenant) and starts A,
    /// then B. - Throws: when there is no binary or an instance does not become ready (A is stopped then).
    static func start(database: String) async throws -> InstancePair {
        guard let binary = KlageProcess.binary else { throw NoBinary() }
        let folder = TemporaryFolder.make()
        try writeConfiguration(in: folder)
        let key = { (arguments: [String]) throws -> String in
            try KlageProcess.output(binary, ["key", "create", "--database", database] + arguments, in: folder)
                .split(separator: "\n").last.map(String.init) ?? ""
        }
        let caseworker = try key(["--tenant", "kobenhavn", "--role", "caseworker"])
        let hostOperator = try key(["--operator"])
        let environment = ["KLAGE_LOG_LEVEL": "info"]
        let a = try await KlageProcess.serve(
            binary: binary, database: database, in: folder, environment: environment, log: folder.appendingPathComponent("a.log"))
        do {
            let b = try await KlageProcess.serve(
                binary: binary, database: database, in: folder, environment: environment, log: folder.appendingPathComponent("b.log"))
            return InstancePair(a: a, b: b, caseworker: caseworker, hostOperator: hostOperator, folder: folder)
        } catch {
            a.stop()
            throw error
        }
    }

    /// Stops both (SIGTERM, waiting for each) and removes the folder with the logs.
    func stop() {
        a.stop()
        b.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// How many deliveries `server`'s dispatcher has run, from its `deliveries run` log lines.
    func dispatched(by server: KlageProcess) -> Int {
        let name = server.port == a.port ? "a.log" : "b.log"
        let log = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
        return log.split(separator: "\n").filter { $0.contains("deliveries run") }.reduce(0) { total, line in
            guard let field = line.split(separator: " ").first(where: { $0.hasPrefix("deliveries=") }) else { return total }
            return total + (Int(field.dropFirst("deliveries=".count)) ?? 0)
        }
    }

    /// One JSON-RPC call to `server` with `key`: the whole response object.
    func call(_ server: KlageProcess, _ method: String, _ params: JSONValue = [:], key: String) async throws -> JSONValue {
        try await server.call(method, params, key: key)
    }

    /// `Config/klage.json` and Copenhagen's tenant file in `folder`.
    private static func writeConfiguration(in folder: URL) throws {
        let tenants = folder.appendingPathComponent("Config/tenants")
        try FileManager.default.createDirectory(at: tenants, withIntermediateDirectories: true)
        let configuration: JSONValue = [
            "logLevel": "info", "tenantsFolder": "tenants", "schedulerIntervalSeconds": 1, "deliveryIntervalSeconds": 1,
            "limits": ["keyRequestsPerSecond": 0],
        ]
        // Tests register complaints received a day ago, so that their deadlines fall due in seconds: no
        // grace for late registration, or the schedulers would judge those misses hours later.
        let copenhagen: JSONValue = [
            "id": "kobenhavn", "name": "Københavns Kommune", "plugins": ["borgerkontakt"],
            "settings": ["borgerkontakt.callbackDeadline": "24h", "methodAdoption": ["*": "2025-01-01"], "lateRegistrationGraceHours": 0],
        ]
        try JSONEncoder().encode(configuration).write(to: folder.appendingPathComponent("Config/klage.json"))
        try JSONEncoder().encode(copenhagen).write(to: tenants.appendingPathComponent("kobenhavn.json"))
    }

    struct NoBinary: Error, CustomStringConvertible {
        var description: String { "no klage executable beside the tests; run swift build first" }
    }
}
