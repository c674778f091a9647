import Foundation
import Hummingbird
import KlageServer
import Logging

/// `klage-test-server serve --host H --port P`: `klage serve` as the tests need it, built beside
/// the test bundle and never shipped (the production binary is the product `klage`). It reads
/// `Config/klage.json` and the environment as `klage serve` does, and adds what only tests may have:
/// webhooks to loopback for the tenants allowed private targets
/// (``KlageServer/IntegrationSettings/allowLoopbackTargetsForTests``), and the crash switch
/// (``TestCrashSwitch``).
@main
enum KlageTestServer {
    static func main() async throws {
        var configuration = try ServerConfiguration.load(path: nil)
        let arguments = CommandLine.arguments
        if let index = arguments.firstIndex(of: "--host"), index + 1 < arguments.count { configuration.host = arguments[index + 1] }
        if let index = arguments.firstIndex(of: "--port"), index + 1 < arguments.count, let port = Int(arguments[index + 1]) {
            configuration.port = port
        }
        configuration.integrations.allowLoopbackTargetsForTests = true
        try configuration.validate()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
            return handler
        }
        let logger = Logger(label: "klage-test-server")
        let klage = try await KlageHost.open(configuration, logger: logger, beforeHooks: TestCrashSwitch.beforeHooks())
        let app = HTTPServer.application(host: klage)
        try await app.runService()  // until SIGTERM or SIGINT
        await klage.shutdown()
    }
}
