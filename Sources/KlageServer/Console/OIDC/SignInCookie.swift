import Foundation

/// The cookie that binds a sign-in through the provider to the browser that started it:
/// `klage_signin`, `HttpOnly; SameSite=Lax` (the provider's redirect back is a cross-site navigation,
/// which `Strict` would strip), only on `/console/oidc`, for the attempt's lifetime, `Secure` over TLS.
enum SignInCookie {
    static let name = "klage_signin"
    static let path = "/console/oidc"

    /// The binding in a `Cookie` header: 43 URL-safe characters, else `nil`.
    static func binding(in header: String?) -> String? {
        guard let header else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name else { continue }
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            return OIDCRoutes.isToken(value) ? value : nil
        }
        return nil
    }

    static func set(_ binding: String, maxAge: Int, secure: Bool) -> String {
        "\(name)=\(binding); Path=\(path); Max-Age=\(maxAge); HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }

    static func clear(secure: Bool) -> String {
        "\(name)=; Path=\(path); Max-Age=0; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }
}
