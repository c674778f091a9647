import Foundation
public import Hummingbird
import KlageRPC
import KlageStorage
import Logging

/// The HTTP face of a ``KlageHost``: `POST /rpc`, `GET /healthz`, `GET /readyz`.
public enum HTTPServer {
    /// The Hummingbird application serving `host`; `onRunning` receives the bound port.
    public static func application(
        host: KlageHost, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router(context: BasicRequestContext.self)
        let dispatcher = host.dispatcher
        let limit = host.configuration.maxBodyBytes
        router.post("rpc") { request, _ -> Response in
            // The caller's X-Request-Id when it is safe to log and echo, else a fresh one; echoed on every reply.
            let requestID = KlageRPC.RequestID(header: request.headers[requestIDField]) ?? KlageRPC.RequestID()
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: limit)
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                // Over the limit: 413, still with a JSON-RPC error a client can read.
                return rpcResponse(.contentTooLarge, RPCDispatcher.refusal(.bodyTooLarge(limit: limit)), requestID: requestID)
            }
            let reply = await dispatcher.handle(
                body: Data(body.readableBytesView), authorization: request.headers[.authorization],
                requestID: requestID)
            guard let reply else { return Response(status: .noContent, headers: [requestIDField: requestID.rawValue]) }
            return rpcResponse(.ok, reply, requestID: requestID)
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
        return Application(
            router: router,
            configuration: .init(address: .hostname(host.configuration.host, port: host.configuration.port), serverName: "klage"),
            services: BackgroundServices.all(for: host),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: host.logger
        )
    }

    /// `X-Request-Id`: the caller's id for a request, echoed on the response (see ``KlageRPC/RequestID``).
    static let requestIDField = HTTPFields.Element.Name("X-Request-Id")!

    /// A JSON-RPC reply with `status`, echoing the request's id.
    private static func rpcResponse(_ status: HTTPResponse.Status, _ reply: Data, requestID: KlageRPC.RequestID) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json", .cacheControl: "no-store", requestIDField: requestID.rawValue],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply))
        )
    }
}
