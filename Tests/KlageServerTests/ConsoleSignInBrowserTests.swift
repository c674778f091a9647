import Foundation
import KlageKernel
import KlageStorage
import KlageTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sign-in through a real OpenID Connect provider in a real browser: PyPI's `oidc-provider-mock`
/// (pinned in `Deploy/test-tools.txt`) on loopback, a `klage serve` whose Gladsaxe signs in through
/// it, and `Tests/Browser/oidc_journey.py` driving headless Chromium: a caseworker and a leader sign
/// in at the provider, land in the work queue with their groups' roles, and sign out there too.
@Suite(.serialized) struct ConsoleSignInBrowserTests {
    static let repository = ConsoleBrowserTests.repository
    static let python = ConsoleBrowserTests.python
    static let script = repository.appendingPathComponent("Tests/Browser/oidc_journey.py").path
    static let screenshots = repository.appendingPathComponent(".build/console-screenshots")

    /// The provider's predefined people: their claims, groups among them.
    static let people = [
        #"{"sub": "anna", "name": "Anna Sagsbehandler", "email": "anna@gladsaxe.example", "groups": ["klage-sagsbehandlere"]}"#,
        #"{"sub": "lene", "name": "Lene Leder", "email": "lene@gladsaxe.example", "groups": ["klage-ledere", "alle-ansatte"]}"#,
        #"{"sub": "bo", "name": "Bo Kollega", "email": "bo@gladsaxe.example", "groups": ["klage-sagsbehandlere"]}"#,
    ]

    @Test func aCaseworkerAndALeaderSignInAndOutThroughTheProvider() async throws {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver", Self.python] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw ConsoleBrowserTests.Missing(description: "\(tool) is missing: run Deploy/setup-debian.sh --with-browser --with-test-tools")
        }
        let binary = try #require(KlageProcess.binary, "the klage executable is not beside the tests")
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (klagePort, providerPort) = (try KlageProcess.freePort(), try KlageProcess.freePort())
        let issuer = "http://127.0.0.1:\(providerPort)"

        let provider = try ChildProcess.start(
            Self.python, ["-m", "oidc_provider_mock", "--port", String(providerPort)] + Self.people.flatMap { ["--user-claims", $0] },
            environment: ["PATH": "/usr/bin:/bin", "NO_COLOR": "1"], directory: folder.path, error: .discarded)
        defer {
            // SIGKILL: uvicorn waits for idle keep-alive connections on SIGTERM; the mock keeps nothing.
            provider.send(SIGKILL)
            _ = provider.waitUntilExit()
        }
        var ready = false
        for _ in 0..<100 where !ready {
            if let (_, response) = try? await URLSession.shared.data(from: URL(string: issuer + "/.well-known/openid-configuration")!) {
                ready = (response as? HTTPURLResponse)?.statusCode == 200
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        try #require(ready, "oidc-provider-mock did not start: run Deploy/setup-debian.sh --with-test-tools")

        let config = folder.appendingPathComponent("Config")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("tenants"), withIntermediateDirectories: true)
        let secret = folder.appendingPathComponent("gladsaxe-oidc-secret")
        try Data("mock-provider-takes-any-secret\n".utf8).write(to: secret)
        try Data(#"{"tenantsFolder": "tenants"}"#.utf8).write(to: config.appendingPathComponent("klage.json"))
        let tenant = """
            {"id": "gladsaxe", "name": "Gladsaxe Kommune", "plugins": ["borgerkontakt", "gladsaxe"],
             "identityProvider": {"issuer": "\(issuer)", "clientId": "klage", "clientSecretFile": "\(secret.path)",
               "redirectURI": "http://127.0.0.1:\(klagePort)/console/oidc/callback",
               "groups": {"klage-sagsbehandlere": {"roles": ["caseworker"], "departments": ["Borgerservice"]},
                          "klage-ledere": {"roles": ["leader"], "departments": ["Ledelse"]}}}}
            """
        try Data(tenant.utf8).write(to: config.appendingPathComponent("tenants/gladsaxe.json"))

        let database = "sqlite:" + folder.appendingPathComponent("klage.sqlite").path
        // The case system's key, which registers the complaint the journey assigns.
        let created = try await ChildProcess.run(
            binary, ["key", "create", "--tenant", "gladsaxe", "--role", "integration", "--label", "ESDH"],
            environment: ["KLAGE_DATABASE_URL": database, "KLAGE_LOG_LEVEL": "error", "PATH": "/usr/bin:/bin"], directory: folder.path)
        try #require(created.status == 0, "klage key create: \(created.stderr.suffix(500))")
        let key = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\n").last ?? ""
        let server = try await KlageProcess.serve(binary: binary, database: database, in: folder, port: klagePort)
        defer { server.stop() }
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let run = try await ChildProcess.run(
            Self.python, [Self.script],
            environment: [
                "KLAGE_URL": "http://127.0.0.1:\(klagePort)", "KLAGE_IDP_URL": issuer, "KLAGE_SCREENSHOTS": Self.screenshots.path,
                "KLAGE_GLADSAXE_INTEGRATION_KEY": key,
                "PATH": "/usr/bin:/bin", "HOME": folder.path, "TZ": "UTC",
            ],
            directory: Self.repository.path, mergingErrors: true)
        #expect(run.status == 0, "oidc_journey.py failed:\n\(run.stdout.suffix(4_000))")
        #expect(run.stdout.contains("oidc journey: passed"))
        server.stop()

        // Each person is recorded once, with the roles and departments of their groups.
        let store = try await openStore(database)
        let people = try await store.people(of: "gladsaxe")
        await store.driver.close()
        #expect(people.map(\.subject) == ["anna", "bo", "lene"])
        #expect(people.map(\.roles) == [[.caseworker], [.caseworker], [.leader]])
        #expect(people.map(\.departments) == [["Borgerservice"], ["Borgerservice"], ["Ledelse"]])
        #expect(people.allSatisfy { $0.issuer == issuer })
    }
}
