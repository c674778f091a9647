import Foundation
public import Hummingbird
import KlageRPC
import KlageStorage
import Logging
import NIOCore

/// The HTTP face of a ``KlageHost``: `POST /rpc`, `GET /healthz`, `GET /readyz`, and `GET /metrics` when
/// the configuration turns it on (see ``KlageMetrics``).
///
/// `POST /rpc` is guarded by the host's ``ServerLimits``: a cap on requests in flight (over it: HTTP
/// 503 with -32029), a deadline for the body to arrive, and the ``RateLimiter`` asked for every
/// request of the body (when all of them are refused: HTTP 429 with `Retry-After`). Idle HTTP/1
/// connections are closed after `httpIdleTimeoutSeconds`.
public enum HTTPServer {
    /// The Hummingbird application serving `host`; `onRunning` receives the bound port.
    public static func application(
        host: KlageHost, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router(context: KlageRequestContext.self)
        let dispatcher = host.dispatcher
        let limits = host.configuration.limits
        let limit = host.configuration.maxBodyBytes
        let limiter = RateLimiter(limits: limits)
        let inFlight = InFlightLimit(maximum: limits.maxRequestsInFlight)
        let load = host.metrics.load
        router.post("rpc") { request, context -> Response in
            // The caller's X-Request-Id when it is safe to log and echo, else a fresh one; echoed on every reply.
            let requestID = KlageRPC.RequestID(header: request.headers[requestIDField]) ?? KlageRPC.RequestID()
            guard inFlight.enter() else {
                load.refusedInFlight()
                let refusal = RPCError.rateLimited(retryAfterSeconds: 1, message: "The server is at its limit of requests in flight; retry later")
                return rpcResponse(.serviceUnavailable, RPCDispatcher.refusal(refusal), requestID: requestID, retryAfter: 1)
            }
            defer { inFlight.leave() }
            let body: ByteBuffer
            do {
                body = try await RequestReadTimeout.collect(
                    request.body, upTo: limit, within: limits.httpRequestTimeoutSeconds, closing: context.channel)
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                // Over the limit: 413, still with a JSON-RPC error a client can read.
                load.refusedBodyTooLarge()
                return rpcResponse(.contentTooLarge, RPCDispatcher.refusal(.bodyTooLarge(limit: limit)), requestID: requestID)
            }
            let reply = await dispatcher.reply(
                body: Data(body.readableBytesView), authorization: request.headers[.authorization],
                requestID: requestID, admission: load.counting(limiter.admission(address: context.clientAddress)))
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
            let ready = await host.store.driver.ping()
            return Response(
                status: ready ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: ready ? "{\"status\":\"ready\"}" : "{\"status\":\"storage unavailable\"}"))
            )
        }
        MetricsEndpoint.register(on: router, host: host) { inFlight.count }
        ConsoleRoutes.register(on: router, host: host, limiter: limiter, inFlight: inFlight)
        IntegrationRoutes.register(on: router, host: host)
        let idle = limits.httpIdleTimeoutSeconds
        return Application(
            router: router,
            server: IntegrationRoutes.server(
                host: host, http1: .init(idleTimeout: idle > 0 ? .milliseconds(Int64((idle * 1000).rounded())) : nil), limiter: limiter),
            configuration: .init(address: .hostname(host.configuration.host, port: host.configuration.port), serverName: "klage"),
            services: BackgroundServices.all(for: host),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: host.logger
        )
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
