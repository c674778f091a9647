import Hummingbird
import NIOCore

/// `GET /metrics`: the host's ``KlageMetrics`` in the Prometheus text format.
///
/// Served only when the configuration turns `metrics` on. With `metricsToken` set, a scrape must send
/// `Authorization: Bearer <metricsToken>` (compared in constant time); anything else gets 401. The
/// operator's API key is not accepted: a scraper's credential should read figures and nothing more.
enum MetricsEndpoint {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Adds the route to `router` when `host`'s configuration turns metrics on.
    ///
    /// - Parameter inFlight: the `POST /rpc` requests being served, for `klage_http_requests_in_flight`.
    static func register(on router: Router<KlageRequestContext>, host: KlageHost, inFlight: @escaping @Sendable () -> Int) {
        guard host.configuration.metrics else { return }
        let expected = host.configuration.metricsToken.map { Array("Bearer \($0)".utf8) }
        let metrics = host.metrics
        router.get("metrics") { request, _ -> Response in
            if let expected, !matches(request.headers[.authorization], expected) {
                return Response(
                    status: .unauthorized, headers: [.wwwAuthenticate: "Bearer", .contentType: "text/plain; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: "/metrics needs Authorization: Bearer <metricsToken>\n")))
            }
            return Response(
                status: .ok, headers: [.contentType: contentType, .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.scrape(inFlight: inFlight()))))
        }
    }

    /// Whether `header` is exactly `expected`, in time that does not depend on where they differ.
    static func matches(_ header: String?, _ expected: [UInt8]) -> Bool {
        guard let header else { return false }
        let given = Array(header.utf8)
        guard given.count == expected.count else { return false }
        var difference: UInt8 = 0
        for index in given.indices { difference |= given[index] ^ expected[index] }
        return difference == 0
    }
}
