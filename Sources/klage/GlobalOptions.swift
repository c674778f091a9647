import ArgumentParser
import Foundation
import KlageServer
import Logging

/// Options every subcommand shares: where the configuration and the database are.
struct GlobalOptions: ParsableArguments {
    @Option(help: "The configuration file (default: Config/klage.json).")
    var config: String?

    @Option(help: "The database URL: sqlite:PATH or postgres://USER[:PASSWORD]@HOST[:PORT]/DB.")
    var database: String?

    /// The configuration file, then the environment, then these flags.
    func load() throws -> ServerConfiguration {
        var configuration = try ServerConfiguration.load(path: config)
        if let database { configuration.database = database }
        try configuration.validate()
        return configuration
    }

    /// Sets up logging to standard error at `level`, as text or JSON lines, once per process.
    static func bootstrapLogging(level: String, format: LogFormat = .text) -> Logger {
        let parsed = Logger.Level(rawValue: level) ?? .info
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                switch format {
                case .text: StreamLogHandler.standardError(label: label)
                case .json: JSONLogHandler.standardError(label: label)
                }
            handler.logLevel = parsed
            return handler
        }
        return Logger(label: "klage")
    }

    /// Opens the host quietly, for one-shot commands (no statement timeouts: they may do bulk work).
    func openHost() async throws -> KlageHost {
        var configuration = try load()
        configuration.limits = configuration.limits.forBulkWork
        let logger = Self.bootstrapLogging(level: "warning", format: configuration.logFormat)
        return try await KlageHost.open(configuration, logger: logger)
    }
}
