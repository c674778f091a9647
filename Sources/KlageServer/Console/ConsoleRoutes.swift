import Foundation
import Hummingbird
import KlageKernel
import KlageRPC
import KlageStorage
import Logging
import NIOCore

/// The web console's routes: the page at `/`, its files under `/console/`, sign-in and sign-out
/// (`/console/session`), and `POST /console/rpc`, the JSON-RPC endpoint of a signed-in browser.
///
/// `POST /console/rpc` is `POST /rpc` with the session's key as the caller: the same dispatcher, role
/// checks, rate limiter (shared with `/rpc`, so a key has one budget), limit of requests in flight
/// and access log. It takes no `Authorization` header; it needs the session cookie, the session's
/// `X-CSRF-Token`, and, when the browser sends one, an `Origin` of this server.
enum ConsoleRoutes {
    /// Registers the console on `router`; the doors' limiter, in-flight cap and credential gate are those of `/rpc`.
    static func register(on router: Router<KlageRequestContext>, host: KlageHost, doors: ServerDoors) {
        let listening = host.configuration.host
        let settings = ConsoleSettings.fromEnvironment().securing(
            alwaysSecure: ConsoleSettings.alwaysSecure(listeningOn: listening, insecureOverride: host.configuration.insecureConsoleCookies))
        if let warning = ConsoleSettings.insecureCookieWarning(listeningOn: listening, insecureOverride: host.configuration.insecureConsoleCookies) {
            host.logger.critical(Logger.Message(stringLiteral: warning))
        }
        let assets = ConsoleAssets.load()
        guard let index = assets.files["index.html"] else {
            host.logger.warning("console files not found; the web console is off (set KLAGE_CONSOLE_ASSETS to their folder)")
            return
        }
        let oidc: OIDCSignIn
        do {
            oidc = try OIDCSignIn(configuration: host.configuration, attempts: SignInAttempts(store: host.store))
        } catch {
            host.logger.error("the console's identity providers are off: \(error)")
            oidc = OIDCSignIn(providers: [:], attempts: SignInAttempts(store: host.store))
        }
        var made = ConsoleSessions(store: host.store, keys: host.services.keys, settings: settings)
        made.keysAllowed = { oidc.keysAllowed(for: $0) }
        let sessions = made
        let limits = host.configuration.limits
        let signIns =
            limits.signInsPerSecond > 0
            ? TokenBuckets(rate: limits.signInsPerSecond, burst: limits.signInBurst, capacity: limits.maxTrackedClients) : nil
        OIDCRoutes.register(on: router, host: host, oidc: oidc, sessions: sessions, signIns: signIns, settings: settings)

        router.get("/") { request, _ in serve(index, request: request, cache: "no-cache") }
        for (path, asset) in assets.files where path != "index.html" {
            router.get(RouterPath("console/" + path)) { request, _ in serve(asset, request: request, cache: "no-cache") }
        }

        /// The live session of the request's cookie; an unknown cookie is charged to the client's
        /// budget of failed credentials, and past it no cookie is looked up.
        @Sendable func session(of request: Request, _ context: KlageRequestContext) async throws -> ConsoleSessions.Session? {
            guard let token = ConsoleCookie.token(in: request.headers[.cookie]), doors.credentials.mayLookUp(token, for: context.clientAddress)
            else {
                return nil
            }
            let session = try await sessions.session(token: token)
            if session == nil { doors.credentials.failed(for: context.clientAddress) } else { doors.credentials.succeeded(token) }
            return session
        }

        router.get("console/ws") { _, _ -> Response in
            let (status, body) = ConsoleSocket.refusal()
            return Response(
                status: status, headers: ConsoleHeaders.secured([.contentType: "application/json"]), body: .init(byteBuffer: .init(string: body)))
        }
        router.get("console/session") { request, context -> Response in
            guard let session = try await session(of: request, context),
                let identity = try await sessions.identity(of: session)
            else { return json(.unauthorized, ["error": "not signed in"]) }
            return json(.ok, SessionView(identity, csrf: session.csrf, expiresAt: session.record.expiresAt, plugins: host.registry))
        }
        router.post("console/session") { request, context -> Response in
            guard originAllowed(request) else { return json(.forbidden, ["error": "origin"]) }
            guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
                return json(.unsupportedMediaType, ["error": "application/json expected"])
            }
            if signIns?.take(1, for: context.clientAddress) != nil {
                return json(.tooManyRequests, ["error": "too many sign-ins; wait a moment"])
            }
            let secret: String
            do {
                let body = try await request.body.collect(upTo: 4_096)
                secret = try StrictJSON.decode(SignInBody.self, from: Data(body.readableBytesView)).key.trimmingCharacters(
                    in: .whitespacesAndNewlines)
            } catch let error as StrictJSON.Failure {
                return json(.badRequest, ["error": "a JSON object with 'key' expected: \(error.reason)"])
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                return json(.contentTooLarge, ["error": "the body is larger than 4 KiB"])
            }
            guard doors.credentials.mayLookUp(secret, for: context.clientAddress) else {
                return json(.tooManyRequests, ["error": "too many sign-ins; wait a moment"])
            }
            do {
                let (token, identity, expiresAt) = try await sessions.signIn(secret: secret)
                doors.credentials.succeeded(secret)
                doors.credentials.succeeded(token)
                var response = json(
                    .ok,
                    SessionView(
                        identity, csrf: ConsoleSessions.csrfToken(for: token), expiresAt: expiresAt, plugins: host.registry))
                response.headers[.setCookie] = ConsoleCookie.set(token, maxAge: settings.lifetime, secure: isSecure(request, context, settings))
                return response
            } catch ConsoleSessions.SignInError.unauthenticated {
                doors.credentials.failed(for: context.clientAddress)
                return json(.unauthorized, ["error": "unknown or revoked key"])
            } catch ConsoleSessions.SignInError.forbidden {
                return json(.forbidden, ["error": "this key's role may not use the console"])
            } catch ConsoleSessions.SignInError.keysOff {
                return json(.forbidden, ["error": "this municipality signs in through its identity provider; pasted keys are off"])
            }
        }
        let signOut: @Sendable (Request, KlageRequestContext) async throws -> Response = { request, context in
            guard let session = try await session(of: request, context) else {
                var response = json(.unauthorized, ["error": "not signed in"])
                response.headers[.setCookie] = ConsoleCookie.clear(secure: isSecure(request, context, settings))
                return response
            }
            guard csrfAllowed(request, session: session) else { return json(.forbidden, ["error": "csrf"]) }
            var endSession: String?
            if case .person = session.record.owner, let identity = try await sessions.identity(of: session) {
                endSession = await oidc.endSessionURL(tenant: identity.tenant.id, idTokenHint: session.record.idTokenHint)
            }
            try await sessions.signOut(session)
            var answer = ["status": "signed out"]
            answer["endSession"] = endSession
            var response = json(.ok, answer)
            response.headers[.setCookie] = ConsoleCookie.clear(secure: isSecure(request, context, settings))
            return response
        }
        router.post("console/session/end", use: signOut)
        router.delete("console/session", use: signOut)

        let load = host.metrics.load
        router.post("console/rpc") { request, context -> Response in
            let requestID = KlageRPC.RequestID(header: request.headers[HTTPServer.requestIDField]) ?? KlageRPC.RequestID()
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: host.configuration.maxBodyBytes)
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                load.refusedBodyTooLarge()
                return rpc(.contentTooLarge, RPCDispatcher.refusal(.bodyTooLarge(limit: host.configuration.maxBodyBytes)), requestID, request)
            }
            guard let session = try await session(of: request, context) else {
                return rpc(.unauthorized, RPCDispatcher.refusal(RPCError(KlageError.unauthenticated("sign in to the console"))), requestID, request)
            }
            guard csrfAllowed(request, session: session) else {
                return rpc(
                    .forbidden, RPCDispatcher.refusal(RPCError(KlageError.forbidden("missing or wrong X-CSRF-Token or Origin"))), requestID, request)
            }
            guard doors.inFlight.enter() else {
                load.refusedInFlight()
                return rpc(.serviceUnavailable, RPCDispatcher.refusal(ServerDoors.overloaded), requestID, request)
            }
            defer { doors.inFlight.leave() }
            let admission = load.counting(doors.limiter.admission(address: context.clientAddress))
            let reply: RPCReply
            if let keyHash = session.record.keyHash {
                reply = await host.dispatcher.reply(
                    body: Data(body.readableBytesView), sessionKeyHash: keyHash, requestID: requestID, admission: admission)
            } else if let identity = try await sessions.identity(of: session), let actor = identity.actor {
                reply = await host.dispatcher.reply(
                    body: Data(body.readableBytesView), sessionActor: actor, tenant: identity.tenant, requestID: requestID, admission: admission)
            } else {
                return rpc(.unauthorized, RPCDispatcher.refusal(RPCError(KlageError.unauthenticated("sign in to the console"))), requestID, request)
            }
            guard let data = reply.body else { return Response(status: .noContent, headers: ConsoleHeaders.secured()) }
            return rpc(reply.retryAfterSeconds == nil ? .ok : .tooManyRequests, data, requestID, request)
        }
    }

    /// Whether a state-changing request of `session` carries its CSRF token, and comes from this origin.
    static func csrfAllowed(_ request: Request, session: ConsoleSessions.Session) -> Bool {
        guard originAllowed(request), let given = request.headers[ConsoleHeaders.csrfToken] else { return false }
        return ConsoleSessions.equalInConstantTime(given, session.csrf)
    }

    /// `true` without an `Origin` header; with one, whether it names this server (the `Host` asked for).
    static func originAllowed(_ request: Request) -> Bool {
        guard let origin = request.headers[ConsoleHeaders.origin] else { return true }
        guard let authority = request.head.authority else { return false }
        return origin == "http://" + authority || origin == "https://" + authority
    }

    /// Whether the request's cookie gets `Secure`: over TLS (``RequestTransport``; any peer's
    /// `X-Forwarded-Proto` with `KLAGE_CONSOLE_TRUST_FORWARDED_PROTO`), or always when the server listens
    /// beyond loopback (``ConsoleSettings/alwaysSecure``).
    static func isSecure(_ request: Request, _ context: KlageRequestContext, _ settings: ConsoleSettings) -> Bool {
        settings.secureCookie(overTLS: RequestTransport.cameOverTLS(request, context, trustAnyForwardedProto: settings.trustForwardedProto))
    }

    /// The sign-in body: `{"key": "klage_…"}`.
    private struct SignInBody: Decodable {
        let key: String
    }

    /// A static file, or 304 when the browser has it.
    private static func serve(_ asset: ConsoleAssets.Asset, request: Request, cache: String) -> Response {
        let gzipped = Gzip.accepted(by: request) ? asset.gzipped : nil
        let etag = gzipped == nil ? asset.etag : asset.gzippedETag
        var headers = ConsoleHeaders.secured([.contentType: asset.contentType, .eTag: etag, .cacheControl: cache, .vary: "Accept-Encoding"])
        if request.headers[.ifNoneMatch] == etag {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        if gzipped != nil { headers[.contentEncoding] = "gzip" }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: gzipped ?? asset.data)))
    }

    static func json(_ status: HTTPResponse.Status, _ value: some Encodable) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: ConsoleHeaders.secured([.contentType: "application/json", .cacheControl: "no-store"]),
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func rpc(_ status: HTTPResponse.Status, _ data: Data, _ requestID: KlageRPC.RequestID, _ request: Request) -> Response {
        Gzip.respond(
            status,
            headers: ConsoleHeaders.secured([
                .contentType: "application/json", .cacheControl: "no-store", HTTPServer.requestIDField: requestID.rawValue,
            ]),
            body: data, to: request)
    }
}
