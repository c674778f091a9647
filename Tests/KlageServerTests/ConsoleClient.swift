import Foundation
import KlageKernel
import KlageTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A browser's side of the web console, by hand: it keeps the session cookie and CSRF token itself
/// (no shared cookie storage between tests) and sends exactly the headers a test asks for.
struct ConsoleClient {
    let port: Int
    /// The session token of the `klage_session` cookie, once signed in.
    var cookie: String?
    /// The CSRF token the sign-in answered.
    var csrf: String?

    /// One HTTP exchange: status, headers (lower-cased names) and body.
    struct Reply {
        let status: Int
        let headers: [String: String]
        let body: Data
        var json: JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: body) }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    private static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        return URLSession(configuration: configuration)
    }()

    init(port: Int) { self.port = port }

    /// Sends a request; `cookie` and `csrf` go along when set unless `withCookie`/`withCSRF` say no.
    func send(
        _ method: String, _ path: String, body: Data? = nil, headers: [String: String] = [:], withCookie: Bool = true, withCSRF: Bool = true
    ) async throws -> Reply {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.httpBody = body
        request.httpShouldHandleCookies = false
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        if withCookie, let cookie { request.setValue("klage_session=\(cookie)", forHTTPHeaderField: "Cookie") }
        if withCSRF, let csrf { request.setValue(csrf, forHTTPHeaderField: "X-CSRF-Token") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await Self.session.data(for: request)
        let http = response as? HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http?.allHeaderFields ?? [:] {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return Reply(status: http?.statusCode ?? 0, headers: fields, body: data)
    }

    /// Signs in with `key`; keeps the cookie and CSRF token. Returns the reply.
    @discardableResult
    mutating func signIn(_ key: String) async throws -> Reply {
        let reply = try await send("POST", "/console/session", body: try JSONEncoder().encode(["key": key]), withCookie: false, withCSRF: false)
        if let setCookie = reply.headers["set-cookie"], let value = setCookie.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last {
            cookie = String(value)
        }
        csrf = reply.json?["csrf"]?.stringValue
        return reply
    }

    /// Calls one method through `/console/rpc`; returns the reply.
    func call(_ method: String, _ params: JSONValue = [:], headers: [String: String] = [:], withCSRF: Bool = true) async throws -> Reply {
        let request: JSONValue = ["jsonrpc": "2.0", "id": 1, "method": .string(method), "params": params]
        return try await send("POST", "/console/rpc", body: try JSONEncoder().encode(request), headers: headers, withCSRF: withCSRF)
    }
}
