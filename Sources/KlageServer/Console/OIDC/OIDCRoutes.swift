import Foundation
import HTTPTypes
import Hummingbird
import KlageKernel
import KlageStorage
import Logging
import NIOCore

/// The console's doors to the tenants' identity providers:
///
/// - `GET /console/oidc/providers`: the municipalities whose people sign in through their provider,
///   and whether pasted keys are offered at all;
/// - `GET /console/oidc/start?tenant=ID`: starts a sign-in and sends the browser to the provider;
/// - `GET /console/oidc/callback?code=…&state=…`: where the provider sends it back; opens the session.
///
/// Every input is bounded and checked before use; refusals are short pages that name no token and no
/// person, and the log says which check failed, never a token or a claim's value.
enum OIDCRoutes {
    static let callbackPath = "/console/oidc/callback"
    static let startPath = "/console/oidc/start"
    /// The longest query string either door reads.
    static let maxQueryBytes = 4_096

    static func register(
        on router: Router<KlageRequestContext>, host: KlageHost, oidc: OIDCSignIn, sessions: ConsoleSessions, signIns: TokenBuckets?,
        settings: ConsoleSettings
    ) {
        let logger = host.logger
        let keysOffered = host.configuration.tenants.isEmpty || host.configuration.tenants.contains { oidc.keysAllowed(for: TenantID($0.id)) }
        let listed = oidc.providers.values.sorted { $0.name < $1.name }.map {
            ProviderView(tenant: $0.tenant.rawValue, name: $0.name, start: startPath + "?tenant=" + $0.tenant.rawValue)
        }
        router.get("console/oidc/providers") { _, _ -> Response in
            ConsoleRoutes.json(.ok, ProvidersView(providers: listed, keys: keysOffered))
        }

        router.get("console/oidc/start") { request, context -> Response in
            guard (request.uri.query?.utf8.count ?? 0) <= maxQueryBytes, let id = request.uri.queryParameters.get("tenant"), isTenantID(id) else {
                return page(.badRequest, "Ugyldig forespørgsel", "Invalid request: the municipality is missing or malformed.")
            }
            if signIns?.take(1, for: context.clientAddress) != nil {
                return page(.tooManyRequests, "For mange forsøg", "Too many sign-ins; wait a moment and try again.")
            }
            let started: (url: String, binding: String)?
            do {
                started = try await oidc.start(tenant: TenantID(id))
            } catch let error as SignInFailure {
                logger.warning("console sign-in could not start", metadata: ["tenant": .string(id), "reason": .string(error.description)])
                return page(.badGateway, "Log ind er ikke muligt lige nu", "The municipality's identity provider cannot be reached; try again later.")
            } catch {
                let reason = (error as? KlageError)?.description ?? String(describing: type(of: error))
                logger.warning("console sign-in could not start", metadata: ["tenant": .string(id), "reason": .string(reason)])
                return page(.serviceUnavailable, "Log ind er ikke muligt lige nu", "Sign-in is busy or unavailable; try again in a minute.")
            }
            guard let started else {
                return page(.notFound, "Ukendt kommune", "This municipality does not sign in through an identity provider.")
            }
            var headers = ConsoleHeaders.secured([.location: started.url, .cacheControl: "no-store"])
            headers[.setCookie] = SignInCookie.set(
                started.binding, maxAge: Int(oidc.attempts.lifetime), secure: ConsoleRoutes.isSecure(request, context, settings))
            return Response(status: .seeOther, headers: headers)
        }

        router.get(RouterPath(String(callbackPath.dropFirst()))) { request, context -> Response in
            let secure = ConsoleRoutes.isSecure(request, context, settings)
            let query = request.uri.queryParameters
            guard (request.uri.query?.utf8.count ?? 0) <= maxQueryBytes, let state = query.get("state"), isToken(state) else {
                return page(.badRequest, "Ugyldig forespørgsel", "Invalid request: the sign-in's state is missing or malformed.", clearing: secure)
            }
            // The attempt is used up here, whatever follows: a state answers one callback only.
            guard let attempt = try await oidc.attempts.take(state: state, binding: SignInCookie.binding(in: request.headers[.cookie])) else {
                return page(
                    .badRequest, "Log ind udløbet", "This sign-in has expired, was already used, or was started in another browser. Start again.",
                    clearing: secure)
            }
            let tenant: Logger.MetadataValue = .string(attempt.tenant.rawValue)
            if let error = query.get("error") {
                let code = error.prefix(64).filter { $0.isASCII && ($0.isLetter || $0 == "_") }
                logger.notice("console sign-in refused by the identity provider", metadata: ["tenant": tenant, "error": .string(String(code))])
                return page(.forbidden, "Log ind afvist", "The identity provider did not sign you in.", clearing: secure)
            }
            guard let code = query.get("code"), (1...2_048).contains(code.utf8.count), code.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else {
                return page(.badRequest, "Ugyldig forespørgsel", "Invalid request: the authorization code is missing or malformed.", clearing: secure)
            }
            let claims: PersonClaims
            let idToken: String
            do throws(SignInFailure) {
                (claims, idToken) = try await oidc.complete(attempt, code: code)
            } catch {
                logger.notice("console sign-in refused", metadata: ["tenant": tenant, "reason": .string(error.description)])
                if case .providerUnavailable = error {
                    return page(
                        .badGateway, "Log ind er ikke muligt lige nu", "The identity provider cannot be reached; try again later.", clearing: secure)
                }
                return page(.forbidden, "Log ind afvist", "The identity provider's answer could not be verified.", clearing: secure)
            }
            guard let (token, _, _) = try await sessions.signIn(claims, idToken: idToken) else {
                logger.notice("console sign-in refused", metadata: ["tenant": tenant, "reason": "no console role in the person's groups"])
                return page(.forbidden, "Ingen adgang", "Your groups give you no role in Klage's console; ask your administrator.", clearing: secure)
            }
            logger.info("console sign-in through the identity provider", metadata: ["tenant": tenant])
            var headers = ConsoleHeaders.secured([.location: "/#/queue", .cacheControl: "no-store"])
            headers.append(HTTPField(name: .setCookie, value: ConsoleCookie.set(token, maxAge: settings.lifetime, secure: secure)))
            headers.append(HTTPField(name: .setCookie, value: SignInCookie.clear(secure: secure)))
            return Response(status: .seeOther, headers: headers)
        }
    }

    /// A tenant id as the start door takes it: 1 to 64 lower-case letters, digits, `-` and `_`.
    static func isTenantID(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count) && text.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 || $0 == 95 }
    }

    /// A random token as this server makes them: 43 URL-safe characters.
    static func isToken(_ text: String) -> Bool {
        text.utf8.count == 43
            && text.utf8.allSatisfy { (65...90).contains($0) || (97...122).contains($0) || (48...57).contains($0) || $0 == 45 || $0 == 95 }
    }

    /// A municipality the sign-in page offers.
    struct ProviderView: Encodable, Sendable {
        let tenant: String
        let name: String
        let start: String
    }

    /// `GET /console/oidc/providers`.
    struct ProvidersView: Encodable, Sendable {
        let providers: [ProviderView]
        /// Whether the page offers the pasted key (break-glass, or a tenant without a provider).
        let keys: Bool
    }

    /// A short page in Danish and English with a way back to the console; clears the sign-in cookie.
    static func page(_ status: HTTPResponse.Status, _ danish: String, _ english: String, clearing secure: Bool? = nil) -> Response {
        let html = """
            <!doctype html>
            <html lang="da"><head><meta charset="utf-8"><title>Klage</title><link rel="stylesheet" href="/console/console.css"></head>
            <body><main id="main"><h1 id="signin-problem">\(danish)</h1><p lang="en">\(english)</p><p><a href="/">Tilbage til Klage</a></p></main></body></html>
            """
        var headers = ConsoleHeaders.secured([.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"])
        if let secure { headers[.setCookie] = SignInCookie.clear(secure: secure) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}
