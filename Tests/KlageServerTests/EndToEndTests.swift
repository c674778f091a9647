import Foundation
import KlageKernel
import KlageServer
import KlageStorage
import KlageTestSupport
import Testing

/// Complaints, contacts and learning over real HTTP on loopback, on every storage engine.
@Suite struct EndToEndTests {
    static let complaint = Fixtures.copenhagenComplaint

    @Test(arguments: StorageBackend.available)
    func aComplaintIsCreatedContactedAndClosedByAgreement(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let created = try await server.result("complaint.create", Self.complaint, key: key)
            let id = try #require(created.string("id"))
            #expect(created.string("state") == "received")
            #expect(created["deadlines"]?.arrayValue?.first?.string("name") == "firstContact")

            let early = await #expect(throws: RPCFailure.self) {
                try await server.result("complaint.act", ["id": .string(id), "action": "confirmContact", "version": 1], key: key)
            }
            #expect(early?.code == -32009)

            let contact = try await server.result(
                "contact.record",
                [
                    "complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(Date())),
                    "summary": "Called the citizen back.", "agreement": "We order the walker today.",
                ], key: key)
            #expect(contact.string("kind") == "phone")

            let fetched = try await server.result("complaint.get", ["id": .string(id)], key: key)
            #expect(fetched.int("version") == 2)
            #expect(fetched["deadlines"]?.arrayValue?.first?["metAt"] != nil)

            let contacted = try await server.result("complaint.act", ["id": .string(id), "action": "confirmContact", "version": 2], key: key)
            #expect(contacted.string("state") == "contacted")
            let closed = try await server.result(
                "complaint.act",
                [
                    "id": .string(id), "action": "close", "version": 3, "outcome": "withdrawn", "fields": ["citizenConsent": true],
                ], key: key)
            #expect(closed.string("state") == "closed")
            #expect(closed.string("outcome") == "withdrawn")

            let journey = try await server.result("complaint.journey", ["id": .string(id)], key: key)
            #expect(journey["events"]?.arrayValue?.count ?? 0 >= 8)
            let contacts = try await server.result("contact.list", ["complaintId": .string(id)], key: key)
            #expect(contacts["items"]?.arrayValue?.count == 1)
            let list = try await server.result("complaint.list", ["state": "closed"], key: key)
            #expect(list["items"]?.arrayValue?.map { $0.string("id") } == [id])
            #expect(list["nextCursor"] == .null)
        }
    }

    @Test(arguments: StorageBackend.available)
    func anotherTenantsComplaintAnswersExactlyLikeAMissingOne(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            let kobenhavn = try await server.key("kobenhavn", .caseworker)
            let gladsaxe = try await server.key("gladsaxe", .caseworker)
            let id = try #require(try await server.result("complaint.create", Self.complaint, key: kobenhavn).string("id"))
            let missing = try await server.call("complaint.get", ["id": "01a00000-0000-7000-8000-000000000000"], key: gladsaxe)["error"]
            #expect(missing?["code"] == -32004)

            for (method, params) in [
                ("complaint.get", ["id": JSONValue.string(id)]),
                ("complaint.journey", ["id": .string(id)]),
                ("contact.list", ["complaintId": .string(id)]),
                ("complaint.act", ["id": .string(id), "action": "continueFormally", "version": 1, "note": "formal"]),
                ("contact.record", ["complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(Date())), "summary": "x"]),
            ] as [(String, [String: JSONValue])] {
                let error = try await server.call(method, .object(params), key: gladsaxe)["error"]
                #expect(error == missing, "\(method) must answer exactly like a missing id")
            }
            let list = try await server.result("complaint.list", [:], key: gladsaxe)
            #expect(list["items"]?.arrayValue?.isEmpty == true)
            // Nothing happened to the complaint.
            #expect(try await server.result("complaint.get", ["id": .string(id)], key: kobenhavn).int("version") == 1)
        }
    }

    @Test func rolesAndKeysAreEnforced() async throws {
        try await withTestServer { server throws in
            let caseworker = try await server.key("kobenhavn", .caseworker)
            let integration = try await server.key("kobenhavn", .integration)
            let forbidden = try await server.call("tenant.create", ["id": "odense", "name": "Odense", "plugins": []], key: caseworker)
            #expect(forbidden["error"]?["code"] == -32003)
            #expect(try await server.call("complaint.get", ["id": "x"], key: nil)["error"]?["code"] == -32001)
            #expect(try await server.call("complaint.get", ["id": "x"], key: "klage_unknown")["error"]?["code"] == -32001)
            #expect(
                try await server.call("complaint.act", ["id": "x", "action": "close", "version": 1], key: integration)["error"]?["code"] == -32003)
            #expect(try await server.call("complaint.get", ["id": "x"], key: server.operatorKey)["error"]?["code"] == -32003)

            let tenant = try await server.result(
                "tenant.create", ["id": "odense", "name": "Odense Kommune", "plugins": ["borgerkontakt"]], key: server.operatorKey)
            #expect(tenant.string("id") == "odense")
            let created = try await server.result(
                "apiKey.create", ["tenant": "odense", "role": "caseworker", "label": "Anna"], key: server.operatorKey)
            let odense = try #require(created.string("key"))
            #expect(try await server.result("workflow.list", [:], key: odense)["items"]?.arrayValue?.first?.string("id") == "borgerkontakt.dialogue")
            _ = try await server.result("apiKey.revoke", ["id": .string(created.string("id") ?? "")], key: server.operatorKey)
            #expect(try await server.call("workflow.list", [:], key: odense)["error"]?["code"] == -32001)
        }
    }

    @Test(arguments: StorageBackend.available)
    func staleVersionsConflictAndRepeatedExternalRefsReturnTheFirstComplaint(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let first = try await server.result("complaint.create", Self.complaint, key: key)
            let again = try await server.result("complaint.create", Self.complaint, key: key)
            #expect(again == first)
            let id = try #require(first.string("id"))
            _ = try await server.result(
                "complaint.act", ["id": .string(id), "action": "continueFormally", "version": 1, "note": "Formal route"], key: key)
            let stale = try await server.call(
                "complaint.act", ["id": .string(id), "action": "decide", "version": 1, "note": "n", "outcome": "rejected"], key: key)
            #expect(stale["error"]?["code"] == -32009)
            #expect(try await server.result("complaint.get", ["id": .string(id)], key: key).string("state") == "formal")
        }
    }

    static let invalidFields: [(String, JSONValue, String)] = [
        ("subject", .string("   "), "subject"),
        ("channel", .string("fax"), "channel"),
        ("citizen", .object(["name": "Jens", "phone": "ring mig"]), "citizen.phone"),
        ("citizen", .object(["name": "Jens", "cpr": "12"]), "citizen.cpr"),
        ("receivedAt", .string("25/11/2026"), "receivedAt"),
        ("workflow", .string("roskilde.abc"), "workflow"),
    ]

    @Test(arguments: invalidFields)
    func invalidFieldsAreValidationErrorsNamingTheField(field: String, value: JSONValue, named: String) async throws {
        try await withTestServer { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            var params = Self.complaint.objectValue!
            params[field] = value
            let error = try await server.call("complaint.create", .object(params), key: key)["error"]
            #expect(error?["code"] == -32022)
            #expect(error?["data"]?["field"] == .string(named))
            #expect(try await server.result("complaint.list", [:], key: key)["items"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test func learningItemsRefusePersonalDataAndMoveByRole() async throws {
        try await withTestServer { server throws in
            let caseworker = try await server.key("gladsaxe", .caseworker)
            let leader = try await server.key("gladsaxe", .leader)
            let personal = try await server.call("learning.create", ["title": "Call back", "insight": "Ring 12345678 tomorrow"], key: caseworker)
            #expect(personal["error"]?["data"]?["field"] == "insight")
            let item = try await server.result(
                "learning.create", ["title": "Letters are unclear", "insight": "Decision letters are misread.", "tags": ["letters"]], key: caseworker)
            let id = try #require(item.string("id"))
            #expect(
                try await server.call("learning.act", ["id": .string(id), "action": "accept", "version": 1], key: caseworker)["error"]?["code"]
                    == -32003)
            let accepted = try await server.result("learning.act", ["id": .string(id), "action": "accept", "version": 1], key: leader)
            #expect(accepted.string("state") == "accepted")
            #expect(try await server.result("learning.list", ["state": "accepted"], key: caseworker)["items"]?.arrayValue?.count == 1)
            #expect(try await server.result("learning.get", ["id": .string(id)], key: caseworker).string("title") == "Letters are unclear")
            let unexplained = try await server.call("learning.act", ["id": .string(id), "action": "dismiss", "version": 2], key: leader)
            #expect(unexplained["error"]?["code"] == -32022)
            #expect(unexplained["error"]?["data"]?["field"] == "note")
            let dismissed = try await server.result(
                "learning.act", ["id": .string(id), "action": "dismiss", "version": 2, "note": "Letters were rewritten last year"], key: leader)
            #expect(dismissed.string("state") == "dismissed")
        }
    }

    @Test(arguments: StorageBackend.available)
    func everyReadOfPersonalDataIsLoggedForTheCitizensRightOfAccess(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            let caseworker = try await server.key("kobenhavn", .caseworker)
            let leader = try await server.key("kobenhavn", .leader)
            let id = try #require(try await server.result("complaint.create", Self.complaint, key: caseworker).string("id"))
            _ = try await server.result("complaint.get", ["id": .string(id)], key: caseworker)
            _ = try await server.result("complaint.list", [:], key: leader)
            _ = try await server.result("contact.list", ["complaintId": .string(id)], key: caseworker)
            #expect(try await server.call("complaint.accessLog", ["id": .string(id)], key: caseworker)["error"]?["code"] == -32003)
            let reads = try await server.result("complaint.accessLog", ["id": .string(id)], key: leader)["reads"]?.arrayValue ?? []
            #expect(reads.map { $0.string("purpose") } == ["complaint.get", "complaint.list", "contact.list"])
            #expect(reads.first?.string("actorLabel") == "test")
            let other = try await server.key("gladsaxe", .leader)
            #expect(try await server.call("complaint.accessLog", ["id": .string(id)], key: other)["error"]?["code"] == -32004)
        }
    }

    @Test func theDataSurvivesARestart() async throws {
        let url = try StorageBackend.sqlite.freshDatabaseURL()
        let (id, key) = try await withTestServer(databaseURL: url) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            return (try await server.result("complaint.create", Self.complaint, key: key).string("id") ?? "", key)
        }
        try await withTestServer(databaseURL: url) { server throws in
            #expect(try await server.result("complaint.get", ["id": .string(id)], key: key).string("subject") == "Waiting for a walker")
        }
    }
}

/// Tenants declared in configuration follow it on every start.
@Suite struct ConfigurationTests {
    @Test func aConfiguredTenantTakesTheConfiguredPluginsAndSettingsOnRestart() async throws {
        let url = try StorageBackend.sqlite.freshDatabaseURL()
        try await withTestServer(databaseURL: url) { server throws in
            #expect(try await server.host.store.tenant("roskilde")?.plugins == ["roskilde"])
        }
        var configuration = ServerConfiguration()
        configuration.database = url
        configuration.tenants = [
            .init(
                id: "roskilde", name: "Roskilde Kommune", plugins: ["roskilde", "gladsaxe"],
                settings: ["roskilde.getBackDeadline": "3wd"])
        ]
        let host = try await KlageHost.open(configuration)
        let tenant = try #require(try await host.store.tenant("roskilde"))
        #expect(tenant.plugins == ["gladsaxe", "roskilde"])
        #expect(tenant.settings["roskilde.getBackDeadline"] == "3wd")
        await host.shutdown()

        configuration.tenants = [.init(id: "roskilde", name: "Roskilde", plugins: ["nosuch"])]
        await #expect(throws: ConfigurationError.self) { _ = try await KlageHost.open(configuration) }
    }

    @Test(arguments: [
        ("mysql://db/klage", "must start with sqlite: or postgres://"),
        ("postgres://klage@localhost:notaport/klage", "malformed"),
        ("postgres://klage@localhost", "needs a database name"),
        ("sqlite:", "needs a path"),
        ("postgres://klage@db1:5432,,db2/klage", "malformed"),
        ("postgres://klage@db1:5432,db2:notaport/klage", "malformed"),
        ("postgres://klage@db1,db2:5433", "needs a database name"),
    ])
    func badDatabaseURLsAreExplained(url: String, says: String) {
        let error = #expect(throws: ConfigurationError.self) { _ = try DatabaseURL(url) }
        #expect(error?.message.contains(says) == true)
    }

    @Test func aURLMayNameSeveralHostsForAFailoverAndStillHidesItsPassword() throws {
        let text = "postgres://klage:s3cret@db1.example:5432,db2.example:5433/klage?target_session_attrs=read-write"
        let url = try DatabaseURL(text)
        #expect(url == .postgres(text))  // handed to libpq as it is: libpq tries the hosts in order
        #expect(url.description == "postgres://klage:***@db1.example:5432,db2.example:5433/klage?target_session_attrs=read-write")
        #expect(try DatabaseURL("postgres://db1,db2/klage").description == "postgres://db1,db2/klage")
    }

    @Test func passwordsNeverReachTheLogs() throws {
        let url = try DatabaseURL("postgres://klage:s3cret@db.example/klage?sslpassword=other-secret&host=/run/postgresql")
        #expect(!url.description.contains("s3cret"))
        #expect(!url.description.contains("other-secret"))
    }

    @Test func theShippedConfigurationLoadsWithItsThreeDemoTenants() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Config/klage.json").standardized.path
        let configuration = try ServerConfiguration.load(path: file, environment: ["KLAGE_PORT": "9090"])
        #expect(configuration.tenants.map(\.id) == ["gladsaxe", "kobenhavn", "roskilde"])
        #expect(configuration.port == 9090)
        #expect(configuration.database == "sqlite:data/klage.sqlite")
    }

    @Test func theDatabaseURLCanComeFromASecretFile() throws {
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let secret = folder.appendingPathComponent("database-url")
        try "postgres://klage:s3cret@db.internal:5432/klage\n".write(to: secret, atomically: true, encoding: .utf8)
        let loaded = try ServerConfiguration.load(path: nil, environment: ["KLAGE_DATABASE_URL_FILE": secret.path])
        #expect(loaded.database == "postgres://klage:s3cret@db.internal:5432/klage")
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(path: nil, environment: ["KLAGE_DATABASE_URL_FILE": secret.path, "KLAGE_DATABASE_URL": "sqlite:x.sqlite"])
        }
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(path: nil, environment: ["KLAGE_DATABASE_URL_FILE": folder.appendingPathComponent("missing").path])
        }
        try "\n".write(to: secret, atomically: true, encoding: .utf8)
        #expect(throws: ConfigurationError.self) { try ServerConfiguration.load(path: nil, environment: ["KLAGE_DATABASE_URL_FILE": secret.path]) }
    }

    @Test func theMigrationLoginComesFromTheEnvironmentAndIsForPostgreSQLOnly() throws {
        let runtime = "postgres://klage_runtime@db.internal:5432/klage"
        let owner = "postgres://klage:s3cret@db.internal:5432/klage"
        let loaded = try ServerConfiguration.load(
            path: nil, environment: ["KLAGE_DATABASE_URL": runtime, "KLAGE_MIGRATION_DATABASE_URL": owner])
        #expect(loaded.database == runtime && loaded.migrationDatabase == owner)
        #expect(try ServerConfiguration.load(path: nil, environment: ["KLAGE_DATABASE_URL": runtime]).migrationDatabase == nil)
        #expect(throws: ConfigurationError.self) {
            try ServerConfiguration.load(path: nil, environment: ["KLAGE_DATABASE_URL": "sqlite:x.sqlite", "KLAGE_MIGRATION_DATABASE_URL": owner])
        }
    }

    @Test func copenhagensShippedConfigurationSaysWhenItAdoptedTheMethod() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Config/klage.json").standardized.path
        let configuration = try ServerConfiguration.load(path: file, environment: [:])
        let settings = try #require(configuration.tenants.first { $0.id == "kobenhavn" }?.settings)
        try TenantSettings.validate(settings)
        #expect(TenantSettings.methodAdoption(for: "Borgerservice", in: settings) == Timestamp.parse("2024-12-31T23:00:00Z"))
    }
}
