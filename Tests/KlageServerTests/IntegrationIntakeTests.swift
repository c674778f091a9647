import Foundation
import KlageKernel
import KlageServer
import KlageTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The citizen's intake page over real HTTP, on every engine: the form works without JavaScript,
/// files a complaint with channel `web` on the tenant's chosen workflow and answers with a receipt,
/// refuses what is missing or too large, drops a robot's submission, and limits each address.
@Suite struct IntegrationIntakeTests {
    static let tenants: [ServerConfiguration.TenantSeed] = [
        .init(id: "kobenhavn", name: "Københavns Kommune", plugins: ["borgerkontakt"], settings: ["intake.workflow": "borgerkontakt.dialogue"]),
        .init(id: "roskilde", name: "Roskilde Kommune", plugins: ["roskilde"]),
    ]

    private func withIntakeServer(_ backend: StorageBackend, perHour: Int = 100, _ body: @Sendable (TestServer) async throws -> Void) async throws {
        try await withTestServer(backend, tenants: Self.tenants, configure: { $0.integrations.intakePerAddressPerHour = perHour }, body)
    }

    /// POSTs `body` with `contentType` to `path`; returns the status and the body as text.
    private func post(_ server: TestServer, _ path: String, _ body: Data, contentType: String) async throws -> (status: Int, text: String) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)\(path)")!)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// Posts the intake form of `tenant` as a browser would: with the token of the page it got first.
    private func postForm(_ server: TestServer, _ fields: [(String, String)], tenant: String = "kobenhavn") async throws -> (
        status: Int, text: String
    ) {
        let token = try await Self.formToken(server, tenant: tenant)
        return try await post(server, "/klage/\(tenant)", form([("token", token)] + fields), contentType: "application/x-www-form-urlencoded")
    }

    /// The token in `tenant`'s intake page.
    static func formToken(_ server: TestServer, tenant: String = "kobenhavn") async throws -> String {
        let page = String(decoding: try await server.get("/klage/\(tenant)").body, as: UTF8.self)
        return try #require(page.range(of: #"(?<=name="token" value=")[0-9]+\.[0-9a-f]+"#, options: .regularExpression).map { String(page[$0]) })
    }

    private func form(_ fields: [(String, String)]) -> Data {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return Data(
            fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&").utf8)
    }

    private let valid: [(String, String)] = [
        ("subject", "Ventetid på rollator"), ("description", "Jeg har ventet ni uger."), ("name", "Jens Hansen"), ("phone", "+45 12 34 56 78"),
        ("callbackWhen", "Hverdage efter kl. 15"), ("consent", "yes"), ("website", ""),
    ]

    /// The complaints of Copenhagen, as a caseworker lists them.
    private func complaints(_ server: TestServer) async throws -> [JSONValue] {
        let key = try await server.key("kobenhavn", .caseworker)
        return try await server.result("complaint.list", [:], key: key)["items"]?.arrayValue ?? []
    }

    @Test(arguments: StorageBackend.available)
    func thePageFilesAComplaintAndAnswersWithAReceipt(_ backend: StorageBackend) async throws {
        try await withIntakeServer(backend) { server in
            let page = try await server.get("/klage/kobenhavn")
            let html = String(decoding: page.body, as: UTF8.self)
            #expect(page.status == 200)
            #expect(html.contains("<html lang=\"da\">"))
            #expect(html.contains("<form method=\"post\" action=\"/klage/kobenhavn\">"))
            #expect(html.contains("<label for=\"consent\">"))
            #expect(!html.contains("<script"), "works without JavaScript")
            #expect(try await server.get("/klage/roskilde").status == 404, "no intake workflow set")
            #expect(try await server.get("/klage/nowhere").status == 404)

            let filed = try await postForm(server, valid)
            #expect(filed.status == 200)
            let receipt = try #require(filed.text.range(of: #"WEB-[A-Z0-9]{10}"#, options: .regularExpression).map { String(filed.text[$0]) })
            #expect(!filed.text.contains("Jens Hansen") && !filed.text.contains("rollator"), "the receipt shows nothing of the complaint")

            let stored = try await complaints(server)
            #expect(stored.count == 1)
            let complaint = try #require(stored.first)
            #expect(complaint.string("channel") == "web")
            #expect(complaint.string("workflow") == "borgerkontakt.dialogue")
            #expect(complaint.string("externalRef") == receipt)
            #expect(complaint.string("subject") == "Ventetid på rollator")

            let json = try await post(
                server, "/klage/kobenhavn/api",
                Data(
                    #"{"subject":"Svar udebleven","description":"Ingen svar på min ansøgning.","name":"Ane","email":"ane@example.org","consent":true}"#
                        .utf8),
                contentType: "application/json")
            #expect(json.status == 201)
            #expect(json.text.contains("\"receipt\":\"WEB-"))
            #expect(try await complaints(server).count == 2)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aWebComplaintAboutADecisionGetsTheAppealTrackWithItsDeadline(_ backend: StorageBackend) async throws {
        try await withIntakeServer(backend) { server in
            let html = String(decoding: try await server.get("/klage/kobenhavn").body, as: UTF8.self)
            #expect(html.contains("Klager du over en afgørelse?"))
            #expect(html.contains(#"<input type="radio" id="aboutDecision-yes" name="aboutDecision" value="yes">"#))
            #expect(try await postForm(server, valid + [("aboutDecision", "yes")]).status == 200)
            #expect(try await postForm(server, valid + [("aboutDecision", "no")]).status == 200)
            let json = try await post(
                server, "/klage/kobenhavn/api",
                Data(
                    #"{"subject":"Afslag","description":"Afslag på rollator.","name":"Ane","phone":"+45 12 34 56 78","consent":true,"aboutDecision":true}"#
                        .utf8),
                contentType: "application/json")
            #expect(json.status == 201)
            let stored = try await complaints(server)
            #expect(stored.map { $0.string("track") }.sorted { ($0 ?? "") < ($1 ?? "") } == ["appeal", "appeal", "dissatisfaction"])
            for appeal in stored where appeal.string("track") == "appeal" {
                #expect(appeal["deadlines"]?.arrayValue?.contains { $0.string("name") == "appealForwarding" } == true)
            }
        }
    }

    @Test(arguments: StorageBackend.available)
    func missingConsentTooMuchTextAndRobotsFileNothing(_ backend: StorageBackend) async throws {
        try await withIntakeServer(backend) { server in
            var noConsent = valid.filter { $0.0 != "consent" }
            noConsent[0] = ("subject", "<script>alert(1)</script>")
            let refused = try await postForm(server, noConsent)
            #expect(refused.status == 422)
            #expect(refused.text.contains("role=\"alert\""))
            #expect(refused.text.contains("href=\"#consent\""))
            #expect(refused.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "what the citizen wrote comes back, escaped")
            #expect(!refused.text.contains("<script>alert"))

            let noSubject = try await post(
                server, "/klage/kobenhavn/api", Data(#"{"description":"x","name":"A","phone":"1","consent":true}"#.utf8),
                contentType: "application/json")
            #expect(noSubject.status == 422)
            #expect(noSubject.text.contains("\"field\":\"subject\""))

            let tooLong = valid.map { $0.0 == "description" ? ($0.0, String(repeating: "a", count: 20_000)) : $0 }
            #expect(try await postForm(server, tooLong).status == 413)

            let robot = valid.map { $0.0 == "website" ? ($0.0, "http://spam.example") : $0 }
            let fooled = try await postForm(server, robot)
            #expect(fooled.status == 200, "a robot gets a receipt")
            #expect(try await complaints(server).isEmpty, "and nothing is filed")
        }
    }

    @Test(arguments: StorageBackend.available)
    func oneAddressMayFileOnlySoManyAnHour(_ backend: StorageBackend) async throws {
        try await withIntakeServer(backend, perHour: 2) { server async throws in
            for _ in 1...2 {
                #expect(try await postForm(server, valid).status == 200)
            }
            #expect(try await postForm(server, valid).status == 429)
            #expect(try await complaints(server).count == 2)
        }
    }
}
