import Foundation
import KlageStorage

#if canImport(Glibc)
    import Glibc
#endif

/// A PostgreSQL cluster of a test's own, for what the shared test cluster cannot do: archive its WAL,
/// be backed up and restored, stream to a standby, die and be replaced. Made with the server binaries
/// that `Deploy/setup-debian.sh --with-postgres` installs, as the `postgres` system user when the
/// tests run as root (PostgreSQL refuses root), in a temporary folder removed by ``remove()``.
public struct ScratchPostgres: Sendable {
    /// The folder holding the cluster's `data`, its `log`, and whatever the test keeps beside them.
    public let folder: String
    public let port: Int

    public var data: String { folder + "/data" }
    /// The superuser's URL of the cluster's `postgres` database.
    public var url: String { "postgres://postgres@127.0.0.1:\(port)/postgres" }

    /// The newest installed server binaries, if any.
    public static let binaries: String? = {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.compactMap(Int.init).max().map { "\(root)/\($0)/bin" }.flatMap {
            FileManager.default.isExecutableFile(atPath: $0 + "/initdb") ? $0 : nil
        }
    }()

    /// Whether clusters can be made here: the binaries exist, and the shared cluster runs (the test command).
    public static var available: Bool {
        binaries != nil && ProcessInfo.processInfo.environment["KLAGE_TEST_POSTGRES_URL"] != nil
    }

    /// A new folder owned by the cluster's user, with a free port, and nothing in it yet.
    public static func folder() async throws -> ScratchPostgres {
        let folder = try await offThePool { () throws -> String in
            // Under the test command's scratch folder, which it cleans up even after a killed run.
            let root = ProcessInfo.processInfo.environment["KLAGE_TEST_SCRATCH_ROOT"] ?? "/tmp"
            var template = Array("\(root)/klage-scratch-pg-XXXXXX".utf8CString)
            guard let made = mkdtemp(&template) else { throw StorageError(code: .engine, message: "mkdtemp failed") }
            return String(cString: made)
        }
        if getuid() == 0 { try await shell("chown postgres:postgres '\(folder)' && chmod 0700 '\(folder)'", asOwner: false) }
        return ScratchPostgres(folder: folder, port: try LoopbackSockets.freeServerPort())
    }

    /// A new cluster (`initdb`, trust on loopback, replication allowed), started with `settings` added
    /// to its `postgresql.conf`; `$FOLDER` in a value stands for ``folder``, which holds an empty `archive`.
    public static func start(settings: [String: String] = [:]) async throws -> ScratchPostgres {
        let cluster = try await folder()
        try await cluster.owner("'\(try bin("initdb"))' -D '\(cluster.data)' -U postgres -A trust -E UTF8 >/dev/null && mkdir archive")
        try await cluster.configure(settings.mapValues { $0.replacingOccurrences(of: "$FOLDER", with: cluster.folder) })
        try await cluster.start()
        return cluster
    }

    /// Adds `settings` (values written as given: quote strings) to `postgresql.conf`.
    public func configure(_ settings: [String: String]) async throws {
        let lines =
            (["port = \(port)", "listen_addresses = '127.0.0.1'", "unix_socket_directories = '\(folder)'", "max_connections = 200"]
            + settings.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }).joined(separator: "\n")
        try await owner("printf '%s\\n' \"\(lines.replacingOccurrences(of: "\"", with: "\\\""))\" >> '\(data)/postgresql.conf'")
    }

    /// `pg_ctl start`, waiting until it accepts connections.
    public func start() async throws {
        do {
            try await owner("'\(try Self.bin("pg_ctl"))' -D '\(data)' -l '\(folder)/log' -w -t 60 start >/dev/null")
        } catch {
            // The server's own words, for a failure on a loaded CI machine (the folder is removed after).
            let log = (try? String(contentsOfFile: folder + "/log", encoding: .utf8)) ?? ""
            let said = log.split(separator: "\n").suffix(5).joined(separator: " | ")
            throw StorageError(code: .engine, message: "PostgreSQL on port \(port) did not start: \(said)")
        }
    }

    /// `pg_ctl stop` in `mode`: `fast`, or `immediate` (a crash: no shutdown checkpoint).
    public func stop(_ mode: String = "fast") async throws {
        try await owner("'\(try Self.bin("pg_ctl"))' -D '\(data)' -m \(mode) -w stop >/dev/null")
    }

    /// `pg_ctl promote`: a standby becomes a primary.
    public func promote() async throws {
        try await owner("'\(try Self.bin("pg_ctl"))' -D '\(data)' -w promote >/dev/null")
    }

    /// `pg_basebackup` of this cluster into `into` (a new folder owned by the cluster's user), WAL streamed.
    /// `standby` writes `standby.signal` and the connection to follow this cluster as `name`.
    public func baseBackup(into target: ScratchPostgres, standbyNamed name: String? = nil) async throws {
        let standby =
            name.map { " -R -d 'host=127.0.0.1 port=\(port) user=postgres application_name=\($0)'" } ?? " -h 127.0.0.1 -p \(port) -U postgres"
        try await owner("'\(try Self.bin("pg_basebackup"))' -D '\(target.data)' -X stream --checkpoint=fast\(standby) >/dev/null 2>&1")
    }

    /// Runs `body`, then removes `clusters` whether it threw or not.
    public static func removing<T>(_ clusters: [ScratchPostgres], _ body: () async throws -> T) async throws -> T {
        do {
            let result = try await body()
            for cluster in clusters { await cluster.remove() }
            return result
        } catch {
            for cluster in clusters { await cluster.remove() }
            throw error
        }
    }

    /// Stops the cluster if it runs and removes its folder.
    public func remove() async {
        try? await owner("'\(try Self.bin("pg_ctl"))' -D '\(data)' -m immediate stop >/dev/null 2>&1")
        try? await Self.shell("rm -rf '\(folder)'", asOwner: false)
    }

    /// Runs `command` as the cluster's user, in its folder.
    public func owner(_ command: String) async throws {
        try await Self.shell("cd '\(folder)' && \(command)", asOwner: true)
    }

    private static func bin(_ name: String) throws -> String {
        guard let binaries else { throw StorageError(code: .engine, message: "no PostgreSQL server binaries under /usr/lib/postgresql") }
        return binaries + "/" + name
    }

    /// system(3), not a spawned child with pipes: a server that `pg_ctl start` leaves running must not
    /// hold a descriptor the test waits on.
    private static func shell(_ command: String, asOwner: Bool) async throws {
        let line = asOwner && getuid() == 0 ? "runuser -u postgres -- sh -c \(quoted(command))" : command
        let status = await offThePool { system(line) }
        guard status == 0 else { throw StorageError(code: .engine, message: "`\(command)` failed (\(status))") }
    }

    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
