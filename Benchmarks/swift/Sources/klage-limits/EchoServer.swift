import Hummingbird

/// A bare Hummingbird HTTP/1 server that answers `POST /rpc` with the body it was sent, set up as
/// Klage's server is (same server, same idle timeout, same 1 MiB body limit): the most requests per
/// second any Hummingbird application can answer on this machine.
enum EchoServer {
    static func run(port: Int) async throws {
        let router = Router()
        router.post("rpc") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: body))
        }
        let application = Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .seconds(60))),
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "echo")
        )
        try await application.runService()
    }
}
