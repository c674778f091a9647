import Foundation
import KlageKernel
import KlageRPC
import KlageTestSupport
import Testing

@testable import KlageServer

/// Every door of the router, enumerated from the router itself, gets the bodies that once trapped
/// Foundation's decoders (and so killed the whole host): 513 and 100,000 opening brackets and braces,
/// and mixed runs, with and without credentials. Each answer must be a clean HTTP answer (never a
/// 5xx other than 503, never a dropped connection), and the host must answer afterwards. A route
/// added later is sent the same bodies without anyone remembering to: a path capture this test has
/// no sample value for fails it.
@Suite struct EveryDoorTests {
    /// The bodies: name and bytes.
    static let crashBodies: [(name: String, bytes: [UInt8])] = [
        ("513 [", Array(String(repeating: "[", count: 513).utf8)),
        ("100,000 [", Array(String(repeating: "[", count: 100_000).utf8)),
        ("100,000 {", Array(String(repeating: "{", count: 100_000).utf8)),
        ("513 {\"a\":", Array(String(repeating: "{\"a\":", count: 513).utf8)),
        ("20,000 [{\"a\":", Array(String(repeating: "[{\"a\":", count: 20_000).utf8)),
        ("a field of 513 [", Array(("{\"subject\":" + String(repeating: "[", count: 513) + "}").utf8)),
        ("a key of 513 [", Array(("{\"key\":" + String(repeating: "[", count: 513) + "}").utf8)),
    ]

    /// A sample value for each path capture of the router.
    static let captures = ["tenant": "kobenhavn"]

    static let tenants: [ServerConfiguration.TenantSeed] = [
        .init(id: "kobenhavn", name: "Københavns Kommune", plugins: ["borgerkontakt"], settings: ["intake.workflow": "borgerkontakt.dialogue"]),
        .init(id: "roskilde", name: "Roskilde Kommune", plugins: ["roskilde"]),
    ]

    /// `/klage/{tenant}/api` → `/klage/kobenhavn/api`; `nil` for a capture without a sample.
    static func samplePath(_ template: String) -> String? {
        var parts: [String] = []
        for part in template.split(separator: "/", omittingEmptySubsequences: false) {
            if part.hasPrefix("{"), part.hasSuffix("}") {
                guard let value = captures[String(part.dropFirst().dropLast())] else { return nil }
                parts.append(value)
            } else {
                parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    @Test(arguments: StorageBackend.available)
    func everyRouteAnswersTheCrashBodiesAndTheHostLives(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, tenants: Self.tenants) { server in
            let routes = HTTPServer.routeList(host: server.host)
            let doors = Set(routes.map { "\($0.method) \($0.path)" })
            for known in ["POST /rpc", "POST /console/rpc", "POST /console/session", "POST /klage/{tenant}", "POST /klage/{tenant}/api"] {
                #expect(doors.contains(known), "the router lists \(known)")
            }
            let key = try await server.key("kobenhavn", .caseworker)
            var console = ConsoleClient(port: server.port)
            try await console.signIn(try await server.key("kobenhavn", .caseworker))
            let credentials: [(String, String)] = [
                ("Authorization", "Bearer \(key)"), ("Cookie", "klage_session=\(console.cookie ?? "")"), ("X-CSRF-Token", console.csrf ?? ""),
            ]
            let port = server.port
            var sent = 0
            // Signing out ends the session the other doors are sent with: those routes go last.
            let signOutLast = routes.sorted {
                ($0.method == "DELETE" || $0.path.hasSuffix("/end") ? 1 : 0) < ($1.method == "DELETE" || $1.path.hasSuffix("/end") ? 1 : 0)
            }
            for route in signOutLast {
                let template = route.path
                let path = try #require(Self.samplePath(template), "no sample value for a capture of \(template): add one to `captures`")
                let method = route.method
                for body in Self.crashBodies {
                    for contentType in ["application/json", "application/x-www-form-urlencoded"] {
                        for headers in [[], credentials] {
                            let problem = await onOwnThread { () -> String? in
                                do {
                                    let reply = try RawHTTPConnection(port: port).request(
                                        method, path: path, body: body.bytes, headers: headers + [("Content-Type", contentType)])
                                    if reply.status >= 500, reply.status != 503 { return "HTTP \(reply.status)" }
                                    if reply.headers["content-type"]?.hasPrefix("application/json") == true, reply.body.count > 0,
                                        (try? JSONParser().parse(Data(reply.body))) == nil
                                    {
                                        return "a JSON reply that is not JSON"
                                    }
                                    return nil
                                } catch {
                                    return "\(error)"
                                }
                            }
                            sent += 1
                            #expect(
                                problem == nil,
                                "\(route.method) \(path), \(body.name), \(contentType), credentials: \(!headers.isEmpty): \(problem ?? "")")
                        }
                    }
                }
            }
            print("EveryDoorTests: \(sent) crash bodies to \(routes.count) routes")
            #expect(try await server.result("system.health", key: nil).string("status") == "ok")
            #expect(try await server.get("/klage/kobenhavn").status == 200)
        }
    }

    @Test func samplePathsNameEveryCapture() {
        #expect(Self.samplePath("/klage/{tenant}/api") == "/klage/kobenhavn/api")
        #expect(Self.samplePath("/rpc") == "/rpc")
        #expect(Self.samplePath("/x/{unknown}") == nil)
    }
}
