import HTTPTypes
import Hummingbird

/// Adds `Strict-Transport-Security` to every response of a request that came over TLS (directly, or
/// through a trusted proxy's `X-Forwarded-Proto: https`; see ``RequestTransport``), error replies
/// included: a browser that reached Klage over HTTPS once then refuses plain HTTP for a year.
///
/// A request over plain HTTP gets no header: browsers ignore it there, and a lab on loopback stays reachable.
struct StrictTransportMiddleware: RouterMiddleware {
    typealias Context = KlageRequestContext

    /// `Strict-Transport-Security`.
    static let field = HTTPField.Name("Strict-Transport-Security")!
    /// One year, subdomains included.
    static let value = "max-age=31536000; includeSubDomains"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard RequestTransport.cameOverTLS(request, context) else { return try await next(request, context) }
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[Self.field] = Self.value
        return response
    }
}
