import Foundation
import Hummingbird
import KlageRPC
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
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: limit)
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                // Over the limit: 413, still with a JSON-RPC error a client can read.
                return rpcResponse(.contentTooLarge, RPCDispatcher.refusal(.bodyTooLarge(limit: limit)))
            }
            let reply = await dispatcher.handle(body: Data(body.readableBytesView), authorization: request.headers[.authorization])
            guard let reply else { return Response(status: .noContent) }
            return rpcResponse(.ok, reply)
        }
        router.get("healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"status\":\"ok\"}")))
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
            services: host.configuration.schedulerIntervalSeconds > 0 ? [DeadlineScheduler(host: host)] : [],
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: host.logger
        )
    }

    /// A JSON-RPC reply with `status`.
    private static func rpcResponse(_ status: HTTPResponse.Status, _ reply: Data) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply))
        )
    }
}
