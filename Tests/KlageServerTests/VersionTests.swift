import Foundation
import KlageKernel
import KlageServer
import KlageTestSupport
import Testing

/// One semantic version: the newest release in `CHANGELOG.md`, printed by `klage --version`, shown by
/// `system.health` to operators only, and named by `rpc.discover` without its patch level.
@Suite struct VersionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theVersionIsSemanticAndTheChangelogsNewestRelease() throws {
        let semantic = try Regex(#"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"#)
        #expect(KlageHost.version.wholeMatch(of: semantic) != nil, "\(KlageHost.version) is not major.minor.patch")
        let changelog = try String(contentsOf: Self.root.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let releases = changelog.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { $0.dropFirst(3).prefix { $0 != " " } }
        #expect(releases.first.map(String.init) == KlageHost.version, "CHANGELOG.md's newest release is \(releases.first ?? "none")")
        #expect(Set(releases).count == releases.count, "a release is listed twice")
        let licence = try String(contentsOf: Self.root.appendingPathComponent("LICENSE"), encoding: .utf8)
        #expect(licence.hasPrefix("Mozilla Public License Version 2.0"))
    }

    @Test(.enabled(if: KlageProcess.binary != nil, "needs the built klage executable"))
    func theCommandLinePrintsIt() async throws {
        let printed = try await ChildProcess.run(try #require(KlageProcess.binary), ["--version"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(printed.status == 0)
        #expect(printed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == KlageHost.version)
    }

    @Test func healthShowsItToOperatorsOnlyAndDiscoveryWithoutThePatchLevel() async throws {
        try await withTestServer { server throws in
            let admin = try await server.key("roskilde", .admin)
            #expect(try await server.result("system.health", key: server.operatorKey).string("version") == KlageHost.version)
            for key in [nil, admin] {
                let health = try await server.result("system.health", key: key)
                #expect(health.string("status") == "ok")
                #expect(health["version"] == nil, "system.health told \(key == nil ? "anyone" : "a tenant admin") the version")
            }
            let discovered = try await server.result("rpc.discover", key: nil)
            let majorMinor = KlageHost.version.split(separator: ".").prefix(2).joined(separator: ".")
            #expect(discovered["info"]?.string("version") == majorMinor)
        }
    }
}
