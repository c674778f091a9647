import CompressNIO
import Foundation
import Hummingbird
import NIOCore

/// gzip for the console's answers, when the browser accepts it: its files (compressed once, when they
/// are read) and its JSON-RPC answers. A first view of the work queue moves about a third of its bytes.
enum Gzip {
    /// Bodies smaller than this go as they are: gzip's header and the work outweigh the gain.
    static let threshold = 1_024

    /// Whether `request` accepts gzip: `Accept-Encoding` names `gzip` (or `*`) without `q=0`.
    static func accepted(by request: Request) -> Bool {
        guard let header = request.headers[.acceptEncoding], header.utf8.count <= 1_024 else { return false }
        for part in header.split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = fields.first, coding == "gzip" || coding == "*" else { continue }
            let quality = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
        return false
    }

    /// `bytes` gzipped; `nil` when they are under ``threshold`` or would not shrink.
    static func compress(_ bytes: Data) -> Data? {
        guard bytes.count >= threshold else { return nil }
        var input = ByteBuffer(bytes: bytes)
        guard let output = try? input.compress(with: .gzip()), output.readableBytes < bytes.count else { return nil }
        return Data(output.readableBytesView)
    }

    /// `response` with a gzipped body when `request` accepts it and it pays; `Vary` says it may differ.
    static func respond(_ status: HTTPResponse.Status, headers: HTTPFields, body: Data, to request: Request) -> Response {
        var headers = headers
        headers[.vary] = "Accept-Encoding"
        if accepted(by: request), let compressed = compress(body) {
            headers[.contentEncoding] = "gzip"
            return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: compressed)))
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
