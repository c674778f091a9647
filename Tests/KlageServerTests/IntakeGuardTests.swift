import Foundation
import KlageKernel
import KlageRPC
import KlageTestSupport
import Testing

@testable import KlageServer

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What lets a municipality leave its intake open: the form only from its own page (a signed,
/// time-limited token; no foreign `Origin`), no NUL or control characters, a ceiling per tenant that
/// says so on the attention list, and a flood from one address that leaves other tenants served.
@Suite struct IntakeGuardTests {
    static let tenants: [ServerConfiguration.TenantSeed] = [
        .init(
            id: "kobenhavn", name: "Københavns Kommune", plugins: ["borgerkontakt"],
            settings: ["intake.workflow": "borgerkontakt.dialogue", "intake.maxPerHour": 3]),
        .init(id: "roskilde", name: "Roskilde Kommune", plugins: ["roskilde"], settings: ["intake.workflow": "roskilde.abc"]),
    ]

    private func withIntakeServer(_ backend: StorageBackend, perAddress: Int = 1_000, _ body: @Sendable (TestServer) async throws -> Void)
        async throws
    {
        try await withTestServer(backend, tenants: Self.tenants, configure: { $0.integrations.intakePerAddressPerHour = perAddress }, body)
    }

    private static let fields = "subject=Ventetid&description=Jeg+har+ventet.&name=Jens+Hansen&phone=12345678&consent=yes"

    /// POSTs a form body to `path` with `headers`; the status.
    private func post(_ server: TestServer, _ path: String, _ body: String, headers: [String: String] = [:]) async throws -> Int {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(server.port)\(path)")!)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    private func complaintCount(_ server: TestServer, _ tenant: String = "kobenhavn") async throws -> Int {
        let key = try await server.key(tenant, .caseworker)
        return try await server.result("complaint.list", [:], key: key)["items"]?.arrayValue?.count ?? -1
    }

    @Test(arguments: StorageBackend.available)
    func theFormIsTakenOnlyWithItsOwnPagesTokenFromItsOwnSite(_ backend: StorageBackend) async throws {
        try await withIntakeServer(backend) { server in
            let token = try await IntegrationIntakeTests.formToken(server)
            let roskildeToken = try await IntegrationIntakeTests.formToken(server, tenant: "roskilde")
            let issued = token.split(separator: ".")[0]
            #expect(try await post(server, "/klage/kobenhavn", Self.fields) == 403, "no token")
            #expect(try await post(server, "/klage/kobenhavn", "token=\(issued).00ff&" + Self.fields) == 403, "a forged token")
            #expect(try await post(server, "/klage/kobenhavn", "token=\(roskildeToken)&" + Self.fields) == 403, "another tenant's token")
            #expect(try await post(server, "/klage/kobenhavn", "token=1000.\(token.split(separator: ".")[1])&" + Self.fields) == 403, "an old token")
            let foreign = ["Origin": "https://evil.example"]
            #expect(try await post(server, "/klage/kobenhavn", "token=\(token)&" + Self.fields, headers: foreign) == 403, "another site's page")
            for site in ["cross-site", "same-site"] {
                let header = ["Sec-Fetch-Site": site]
                #expect(try await post(server, "/klage/kobenhavn", "token=\(token)&" + Self.fields, headers: header) == 403, "a \(site) post")
            }
            #expect(try await post(server, "/klage/kobenhavn", "token=\(token)&token=\(token)&" + Self.fields) == 400, "a field twice")
            #expect(try await post(server, "/klage/kobenhavn", "token=\(token)&subject=%zz&" + Self.fields) == 400, "a bad escape")
            #expect(try await complaintCount(server) == 0)
            let own = ["Origin": "http://127.0.0.1:\(server.port)", "Sec-Fetch-Site": "same-origin"]
            #expect(try await post(server, "/klage/kobenhavn", "token=\(token)&" + Self.fields, headers: own) == 200)
            let noReferrer = ["Origin": "null", "Sec-Fetch-Site": "same-origin"]
            #expect(
                try await post(server, "/klage/kobenhavn", "token=\(token)&" + Self.fields, headers: noReferrer) == 200, "our page's no-referrer post"
            )
            #expect(try await complaintCount(server) == 2)
        }
    }

    @Test func aTokenIsGoodForItsTenantAndClientForFourHours() {
        let tokens = IntakeFormToken(secret: Data("a secret of sixteen bytes or more".utf8))
        let now = Date()
        let token = tokens.issue(tenant: "kobenhavn", client: "198.51.100.7", at: now)
        #expect(tokens.verify(token, tenant: "kobenhavn", client: "198.51.100.7", at: now.addingTimeInterval(3 * 3600)))
        #expect(!tokens.verify(token, tenant: "kobenhavn", client: "198.51.100.7", at: now.addingTimeInterval(5 * 3600)), "expired")
        #expect(!tokens.verify(token, tenant: "kobenhavn", client: "203.0.113.9", at: now), "fetched by another address")
        #expect(!tokens.verify(token, tenant: "roskilde", client: "198.51.100.7", at: now), "another tenant's")
        let other = IntakeFormToken(secret: Data("another secret of sixteen bytes".utf8))
        #expect(!other.verify(token, tenant: "kobenhavn", client: "198.51.100.7", at: now), "another host's")
    }

    @Test(arguments: StorageBackend.available)
    func nulAndControlCharactersAreRefusedAtBothDoors(_ backend: StorageBackend) async throws {
        try await withIntakeServer(backend) { server in
            let token = try await IntegrationIntakeTests.formToken(server)
            let form = { (subject: String) in "token=\(token)&" + Self.fields.replacingOccurrences(of: "subject=Ventetid", with: "subject=\(subject)")
            }
            #expect(try await post(server, "/klage/kobenhavn", form("Vente%00tid")) == 422, "NUL in a form field")
            #expect(try await post(server, "/klage/kobenhavn", form("Vente%1Btid")) == 422, "ESC in a form field")
            #expect(try await post(server, "/klage/kobenhavn", form("Vente%0Atid")) == 422, "a line break in a one-line field")
            let json = { (subject: String) in
                try await server.post(
                    Data(#"{"subject":"\#(subject)","description":"x","name":"A","phone":"1","consent":true}"#.utf8), key: nil,
                    path: "/klage/kobenhavn/api"
                ).status
            }
            #expect(try await json(#"Vente\u0000tid"#) == 400, "NUL in JSON: refused by the strict parser")
            #expect(try await json(#"Vente\u0007tid"#) == 422, "BEL in JSON")
            #expect(try await json(#"Vente\u0085tid"#) == 422, "a C1 control in JSON")
            #expect(try await complaintCount(server) == 0)
            let multiline =
                "token=\(token)&" + Self.fields.replacingOccurrences(of: "description=Jeg+har+ventet.", with: "description=Linje+1%0D%0ALinje%092")
            #expect(try await post(server, "/klage/kobenhavn", multiline) == 200, "line breaks and tabs belong in the description")
        }
    }

    @Test(arguments: StorageBackend.available)
    func aTenantsCeilingStopsTheIntakeAndPutsItOnTheAttentionList(_ backend: StorageBackend) async throws {
        try await withIntakeServer(backend) { server in
            let body = Data(#"{"subject":"Ventetid","description":"Jeg har ventet.","name":"Jens Hansen","phone":"12345678","consent":true}"#.utf8)
            var statuses: [Int] = []
            for _ in 0..<5 { statuses.append(try await server.post(body, key: nil, path: "/klage/kobenhavn/api").status) }
            #expect(statuses == [201, 201, 201, 429, 429], "intake.maxPerHour is 3")
            #expect(try await complaintCount(server) == 3)
            let leader = try await server.key("kobenhavn", .leader)
            let items = try await server.result("attention.list", [:], key: leader)["items"]?.arrayValue ?? []
            #expect(items.contains { $0.string("kind") == "intake.ceilingReached" })
            let roskilde = try await server.key("roskilde", .leader)
            let others = try await server.result("attention.list", [:], key: roskilde)["items"]?.arrayValue ?? []
            #expect(!others.contains { $0.string("kind") == "intake.ceilingReached" }, "only the tenant that reached it")
            #expect(try await server.post(body, key: nil, path: "/klage/roskilde/api").status == 201, "another tenant's intake is open")
        }
    }

    @Test(arguments: StorageBackend.available)
    func aFloodFromOneAddressLeavesOtherTenantsServed(_ backend: StorageBackend) async throws {
        try await withIntakeServer(backend, perAddress: 10) { server in
            let key = try await server.key("kobenhavn", .caseworker)
            let port = server.port
            let body = Array(#"{"subject":"Ventetid","description":"Jeg har ventet.","name":"Jens Hansen","phone":"12345678","consent":true}"#.utf8)
            let flood = Task {
                await onOwnThread { () -> [Int: Int] in
                    let http = RawHTTPConnection(port: port)
                    var statuses: [Int: Int] = [:]
                    for _ in 0..<200 {
                        let status = (try? http.request("POST", path: "/klage/roskilde/api", body: body))?.status ?? 0
                        statuses[status, default: 0] += 1
                    }
                    return statuses
                }
            }
            var served = 0
            for _ in 0..<20 {
                let reply = try await server.call("complaint.list", [:], key: key)
                if reply["result"] != nil { served += 1 }
                #expect(reply["error"]?["code"] != -32603)
            }
            let statuses = await flood.value
            print("IntakeGuardTests: flood statuses \(statuses.sorted { $0.key < $1.key }); another key served \(served) of 20")
            #expect(served == 20)
            #expect(statuses[201] == 10, "the address's limit")
            #expect(statuses[429] == 190)
            #expect(statuses.keys.allSatisfy { $0 < 500 })
            #expect(try await complaintCount(server, "roskilde") == 10)
        }
    }
}
