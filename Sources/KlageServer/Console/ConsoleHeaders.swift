import Hummingbird

/// The security headers of every console response: a strict Content-Security-Policy (no inline script
/// or style, nothing from elsewhere, no framing), no MIME sniffing, no referrer.
enum ConsoleHeaders {
    /// The Content-Security-Policy of the console.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

    static let csp = HTTPFields.Element.Name("Content-Security-Policy")!
    static let contentTypeOptions = HTTPFields.Element.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy")!
    static let frameOptions = HTTPFields.Element.Name("X-Frame-Options")!
    static let csrfToken = HTTPFields.Element.Name("X-CSRF-Token")!
    static let origin = HTTPFields.Element.Name("Origin")!

    /// `headers` with the security headers added.
    static func secured(_ headers: HTTPFields = [:]) -> HTTPFields {
        var headers = headers
        headers[csp] = contentSecurityPolicy
        headers[contentTypeOptions] = "nosniff"
        headers[referrerPolicy] = "no-referrer"
        headers[frameOptions] = "DENY"
        return headers
    }
}
