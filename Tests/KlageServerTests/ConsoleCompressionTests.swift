import AsyncHTTPClient
import CompressNIO
import Foundation
import KlageKernel
import KlageTestSupport
import NIOCore
import NIOHTTP1
import Testing

/// The console's files and JSON-RPC answers travel gzipped when the browser accepts it, as they are
/// otherwise, with their own ETags, and never to a browser that refuses gzip (`q=0`).
@Suite struct ConsoleCompressionTests {
    struct Reply {
        let status: Int
        let headers: [String: String]
        let body: ByteBuffer
    }

    /// An exchange with no decompression on the way: the bytes as sent.
    static func send(_ url: String, method: HTTPMethod = .GET, headers: [(String, String)], body: Data? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await OIDCSignInTests.http.execute(request, timeout: .seconds(10))
        let fields = Dictionary(response.headers.map { ($0.name.lowercased(), $0.value) }) { first, _ in first }
        return Reply(status: Int(response.status.code), headers: fields, body: try await response.body.collect(upTo: 1 << 22))
    }

    static func gunzip(_ buffer: ByteBuffer) throws -> ByteBuffer {
        var buffer = buffer
        return try buffer.decompress(with: .gzip())
    }

    @Test func filesAndAnswersAreGzippedWhenTheBrowserAcceptsIt() async throws {
        try await withTestServer { server in
            let file = "http://127.0.0.1:\(server.port)/console/js/app.js"
            let plain = try await Self.send(file, headers: [])
            #expect(plain.status == 200 && plain.headers["content-encoding"] == nil && plain.headers["vary"] == "Accept-Encoding")
            let gzipped = try await Self.send(file, headers: [("Accept-Encoding", "br, gzip")])
            #expect(gzipped.headers["content-encoding"] == "gzip")
            #expect(try Self.gunzip(gzipped.body) == plain.body)
            #expect(
                gzipped.body.readableBytes * 2 < plain.body.readableBytes,
                "app.js: \(gzipped.body.readableBytes) of \(plain.body.readableBytes) bytes")
            let etag = try #require(gzipped.headers["etag"])
            #expect(etag != plain.headers["etag"])
            #expect(try await Self.send(file, headers: [("Accept-Encoding", "gzip"), ("If-None-Match", etag)]).status == 304)
            #expect(try await Self.send(file, headers: [("If-None-Match", etag)]).status == 200, "the plain bytes are another representation")
            for refused in ["gzip;q=0, identity", "GZIP; q=0.0", "identity", "deflate"] {
                #expect(try await Self.send(file, headers: [("Accept-Encoding", refused)]).headers["content-encoding"] == nil, "\(refused)")
            }

            // A signed-in browser's JSON-RPC answers, when large enough to pay.
            var client = ConsoleClient(port: server.port)
            try await client.signIn(try await server.key("kobenhavn", .caseworker))
            let call = try JSONEncoder().encode(["jsonrpc": "2.0", "id": "1", "method": "workflow.list"])
            let answer = try await Self.send(
                "http://127.0.0.1:\(server.port)/console/rpc", method: .POST,
                headers: [
                    ("Accept-Encoding", "gzip"), ("Content-Type", "application/json"), ("Cookie", "klage_session=\(client.cookie ?? "")"),
                    ("X-CSRF-Token", client.csrf ?? ""), ("Origin", "http://127.0.0.1:\(server.port)"),
                ], body: call)
            #expect(answer.status == 200 && answer.headers["content-encoding"] == "gzip")
            let json = try JSONDecoder().decode(JSONValue.self, from: Data(try Self.gunzip(answer.body).readableBytesView))
            #expect(json["result"]?["items"]?.arrayValue?.isEmpty == false)
        }
    }
}
