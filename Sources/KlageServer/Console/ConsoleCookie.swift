import Foundation

/// The session cookie: `klage_session`, `HttpOnly; SameSite=Strict; Path=/`, and `Secure` over TLS.
enum ConsoleCookie {
    static let name = "klage_session"

    /// The session token in a `Cookie` header, if any.
    static func token(in header: String?) -> String? {
        guard let header else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name else { continue }
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            // A token is 43 URL-safe characters; anything else is no session.
            guard value.count == 43, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                return nil
            }
            return value
        }
        return nil
    }

    /// The `Set-Cookie` value that keeps `token` for `maxAge` seconds.
    static func set(_ token: String, maxAge: TimeInterval, secure: Bool) -> String {
        "\(name)=\(token); Path=/; Max-Age=\(Int(maxAge)); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// The `Set-Cookie` value that removes the cookie.
    static func clear(secure: Bool) -> String {
        "\(name)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }
}
