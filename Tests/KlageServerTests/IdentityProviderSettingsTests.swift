import Foundation
import KlageKernel
import KlageTestSupport
import Testing

@testable import KlageServer

/// A tenant's `identityProvider` in its tenant file: read strictly, and a bad one stops start-up with
/// an error naming the tenant and the key.
@Suite struct IdentityProviderSettingsTests {
    static func provider(_ fields: [String: String], secret: String = "SECRET") -> String {
        var object: [String: String] = [
            "issuer": #""https://login.gladsaxe.dk/realms/ansatte""#, "clientId": #""klage""#, "clientSecretFile": "\"\(secret)\"",
            "redirectURI": #""https://klage.gladsaxe.dk/console/oidc/callback""#,
            "groups": #"{"klage-sagsbehandlere": {"roles": ["caseworker"], "departments": ["Borgerservice"]}}"#,
        ]
        for (key, value) in fields { object[key] = value }
        return "{" + object.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
    }

    /// The error of loading `fields` over a good provider, or `nil`.
    static func error(_ fields: [String: String], secretFile: String? = nil) -> String? {
        let folder = TemporaryFolder.make()
        do {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("tenants"), withIntermediateDirectories: true)
            let secret = folder.appendingPathComponent("secret")
            try Data("the-client-secret\n".utf8).write(to: secret)
            try Data(#"{"tenantsFolder": "tenants"}"#.utf8).write(to: folder.appendingPathComponent("klage.json"))
            let tenant =
                #"{"id": "gladsaxe", "name": "Gladsaxe Kommune", "plugins": ["borgerkontakt"], "identityProvider": "#
                + provider(fields, secret: secretFile ?? secret.path) + "}"
            try Data(tenant.utf8).write(to: folder.appendingPathComponent("tenants/gladsaxe.json"))
            let configuration = try ServerConfiguration.load(path: folder.appendingPathComponent("klage.json").path, environment: [:])
            #expect(configuration.tenants.first?.identityProvider?.groups["klage-sagsbehandlere"]?.roles == ["caseworker"])
            return nil
        } catch {
            return String(describing: error)
        }
    }

    @Test func aGoodProviderLoads() {
        #expect(Self.error([:]) == nil)
        #expect(Self.error(["issuer": #""http://127.0.0.1:9400""#]) == nil)
    }

    @Test func eachBadKeyIsNamed() {
        let cases: [([String: String], String)] = [
            (["issuer": #""http://login.gladsaxe.dk""#], "tenant gladsaxe: identityProvider.issuer"),
            (["issuer": #""""#], "identityProvider.issuer"),
            (["clientId": #""""#], "identityProvider.clientId"),
            (["redirectURI": #""https://klage.gladsaxe.dk/elsewhere""#], "identityProvider.redirectURI"),
            (["postLogoutRedirectURI": #""javascript:alert(1)""#], "identityProvider.postLogoutRedirectURI"),
            (["groups": "{}"], "identityProvider.groups"),
            (["groups": #"{"g": {"roles": ["operator"]}}"#], "identityProvider.groups.g.roles holds 'operator'"),
            (["groups": #"{"g": {"roles": ["integration"]}}"#], "identityProvider.groups.g.roles"),
            (["groups": #"{"g": {}}"#], "identityProvider.groups.g grants neither"),
            (["groupsClaim": #""""#], "identityProvider.groupsClaim"),
        ]
        for (fields, expected) in cases {
            let error = Self.error(fields)
            #expect(error?.contains(expected) == true, "\(fields): \(error ?? "no error")")
        }
    }

    @Test func anUnreadableSecretFileIsNamedButNeverItsContent() {
        let error = Self.error([:], secretFile: "/nonexistent/secret")
        #expect(error?.contains("identityProvider.clientSecretFile: cannot read /nonexistent/secret") == true)
        let empty = TemporaryFolder.make().appendingPathComponent("empty")
        _ = FileManager.default.createFile(atPath: empty.path, contents: Data("  \n".utf8))
        #expect(Self.error([:], secretFile: empty.path)?.contains("is empty") == true)
    }

    @Test func theExampleTenantFileIsValid() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let example = repository.appendingPathComponent("Config/examples/gladsaxe-with-identity-provider.json")
        let folder = TemporaryFolder.make()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("tenants"), withIntermediateDirectories: true)
        let secret = folder.appendingPathComponent("secret")
        try Data("the-client-secret".utf8).write(to: secret)
        let text = try String(contentsOf: example, encoding: .utf8).replacingOccurrences(of: "/run/secrets/gladsaxe-oidc", with: secret.path)
        try Data(text.utf8).write(to: folder.appendingPathComponent("tenants/gladsaxe.json"))
        try Data(#"{"tenantsFolder": "tenants"}"#.utf8).write(to: folder.appendingPathComponent("klage.json"))
        let configuration = try ServerConfiguration.load(path: folder.appendingPathComponent("klage.json").path, environment: [:])
        let provider = try #require(configuration.tenants.first?.identityProvider)
        #expect(provider.groups.count == 3 && !provider.breakGlassKeys)
        #expect(provider.postLogoutRedirect == "https://klage.gladsaxe.dk/")
    }

    @Test func withoutAProviderTheDemoTenantsKeepTheirKeys() async throws {
        let configuration = try ServerConfiguration.load(path: nil, environment: [:])
        try await withTestStore(.sqlite) { store in
            let signIn = try OIDCSignIn(configuration: configuration, attempts: SignInAttempts(store: store))
            #expect(signIn.providers.isEmpty)
            #expect(signIn.keysAllowed(for: "kobenhavn"))
        }
    }
}
