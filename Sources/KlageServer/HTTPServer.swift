import Foundation
public import Hummingbird
import KlageKernel
import KlageRPC
import KlageStorage
import Logging
import NIOCore

/// The HTTP face of a ``KlageHost``: `POST /rpc`, `GET /healthz`, `GET /readyz`, `GET /metrics` when
/// the configuration turns it on (see ``KlageMetrics``), the web console and the integrations' doors.
///
/// Every door is held to the same standard, in this order, before it does any work:
/// 1. who the client is (``ClientAddressMiddleware``: a trusted proxy's `X-Forwarded-For`, IPv6 per /64);
/// 2. the whole body, at most `maxBodyBytes`, within `httpRequestTimeoutSeconds` (``BodyDeadlineMiddleware``),
///    so a slow client holds a connection, never a slot or a database connection;
/// 3. a credential from an address that has presented too many unknown ones is refused from memory
///    (``CredentialGate``); unknown tenants of the anonymous doors are refused from memory (``TenantDirectory``);
/// 4. the cap on requests in flight (over it: HTTP 503 with -32029), taken only now that the body is in;
/// 5. the ``RateLimiter``, asked for every request of the body (when all are refused: HTTP 429 with `Retry-After`);
/// 6. one strict parse of the body (``KlageRPC/JSONParser``, ``KlageRPC/StrictJSON``), never Foundation's.
///
/// Idle HTTP/1 connections are closed after `httpIdleTimeoutSeconds`.
public enum HTTPServer {
    /// The Hummingbird application serving `host`; `onRunning` receives the bound port.
    public static func application(
        host: KlageHost, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let doors = ServerDoors(host: host)
        let idle = host.configuration.limits.httpIdleTimeoutSeconds
        return Application(
            router: router(host: host, doors: doors),
            server: IntegrationRoutes.server(
                host: host, http1: .init(idleTimeout: idle > 0 ? .milliseconds(Int64((idle * 1000).rounded())) : nil), doors: doors),
            configuration: .init(address: .hostname(host.configuration.host, port: host.configuration.port), serverName: "klage"),
            services: BackgroundServices.all(for: host),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: host.logger
        )
    }

    /// Every route of the server, behind the middleware every door shares.
    static func router(host: KlageHost, doors: ServerDoors) -> Router<KlageRequestContext> {
        let router = Router(context: KlageRequestContext.self)
        router.add(middleware: TraceMiddleware(tracer: host.tracing?.tracer))
        router.add(middleware: ClientAddressMiddleware(resolver: doors.clientAddress))
        router.add(middleware: StrictTransportMiddleware())
        router.add(
            middleware: BodyDeadlineMiddleware(limit: host.configuration.maxBodyBytes, seconds: host.configuration.limits.httpRequestTimeoutSeconds))
        let dispatcher = host.dispatcher
        let limit = host.configuration.maxBodyBytes
        let load = host.metrics.load
        router.post("rpc") { request, context -> Response in
            // The caller's X-Request-Id when it is safe to log and echo, else a fresh one; echoed on every reply.
            let requestID = KlageRPC.RequestID(header: request.headers[requestIDField]) ?? KlageRPC.RequestID()
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: limit)
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                // Over the limit: 413, still with a JSON-RPC error a client can read.
                load.refusedBodyTooLarge()
                return rpcResponse(.contentTooLarge, RPCDispatcher.refusal(.bodyTooLarge(limit: limit)), requestID: requestID)
            }
            let authorization = request.headers[.authorization]
            if let authorization, !doors.credentials.mayLookUp(authorization, for: context.clientAddress) {
                load.refusedFailedCredentials()
                let refusal = doors.tooManyFailedCredentials(for: context.clientAddress)
                return rpcResponse(.tooManyRequests, RPCDispatcher.refusal(refusal), requestID: requestID, retryAfter: refusal.retryAfter)
            }
            guard doors.inFlight.enter() else {
                load.refusedInFlight()
                return rpcResponse(.serviceUnavailable, RPCDispatcher.refusal(ServerDoors.overloaded), requestID: requestID, retryAfter: 1)
            }
            defer { doors.inFlight.leave() }
            let reply = await dispatcher.reply(
                body: Data(body.readableBytesView), authorization: authorization,
                requestID: requestID, admission: load.counting(doors.limiter.admission(address: context.clientAddress)))
            if reply.credentialRefused {
                doors.credentials.failed(for: context.clientAddress)
            } else if let authorization {
                doors.credentials.succeeded(authorization)
            }
            guard let data = reply.body else { return Response(status: .noContent, headers: [requestIDField: requestID.rawValue]) }
            if let retryAfter = reply.retryAfterSeconds {
                return rpcResponse(.tooManyRequests, data, requestID: requestID, retryAfter: retryAfter)
            }
            return rpcResponse(.ok, data, requestID: requestID)
        }
        router.get("healthz") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"status\":\"ok\"}")))
        }
        router.get("readyz") { _, _ -> Response in
            let ready = await doors.readiness.ready()
            return Response(
                status: ready ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: ready ? "{\"status\":\"ready\"}" : "{\"status\":\"storage unavailable\"}"))
            )
        }
        MetricsEndpoint.register(on: router, host: host) { doors.inFlight.count }
        ConsoleRoutes.register(on: router, host: host, doors: doors)
        IntegrationRoutes.register(on: router, host: host, doors: doors)
        return router
    }

    /// Every route of `host`'s router as `(method, path)`, captures as `{name}`: what a test sends every door.
    static func routeList(host: KlageHost) -> [(method: String, path: String)] {
        router(host: host, doors: ServerDoors(host: host)).routes.map { ("\($0.method)", "\($0.path)") }
    }

    /// `X-Request-Id`: the caller's id for a request, echoed on the response (see ``KlageRPC/RequestID``).
    static let requestIDField = HTTPFields.Element.Name("X-Request-Id")!

    /// A JSON-RPC reply with `status`, echoing the request's id, with `Retry-After` when given.
    private static func rpcResponse(_ status: HTTPResponse.Status, _ reply: Data, requestID: KlageRPC.RequestID, retryAfter: Int? = nil) -> Response {
        var headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store", requestIDField: requestID.rawValue]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply)))
    }
}

extension RPCError {
    /// The seconds a -32029 refusal asks the client to wait (`data.retryAfterSeconds`), at least 1.
    var retryAfter: Int { max(1, Int(data?["retryAfterSeconds"]?.numberValue ?? 1)) }
}
