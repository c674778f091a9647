import Foundation
import KlageKernel

/// Writes JSON-RPC responses as bytes: the envelope by hand (a number id as its literal), the result by
/// ``KlageKernel/JSONBytesEncoder``.
enum RPCResponse {
    /// Foundation's encoder with the settings the API's bytes were first written with: sorted keys, times
    /// as RFC 3339 (``KlageKernel/Timestamp``), absent optionals left out. Debug builds check every result
    /// against it (so the whole test suite compares the wire bytes); release builds do not run it.
    static let foundationEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom(Timestamp.encode)
        return encoder
    }()

    /// `value` as the API writes it.
    static func encode(_ value: some Encodable) throws -> Data {
        let bytes = Data(try JSONBytesEncoder().encode(value))
        #if DEBUG
            let expected = try foundationEncoder.encode(value)
            assert(
                bytes == expected,
                "JSONBytesEncoder wrote \(String(decoding: bytes, as: UTF8.self)), JSONEncoder \(String(decoding: expected, as: UTF8.self))")
        #endif
        return bytes
    }

    /// `{"jsonrpc":"2.0","id":…,"result":…}` around an already-encoded result.
    static func success(id: RPCID, result: Data) -> Data {
        var data = Data("{\"jsonrpc\":\"2.0\",\"id\":".utf8)
        data.append(id.jsonText)
        data.append(contentsOf: Array(",\"result\":".utf8))
        data.append(result)
        data.append(UInt8(ascii: "}"))
        return data
    }

    /// `{"jsonrpc":"2.0","id":…,"error":{…}}`.
    static func failure(id: RPCID, error: RPCError) -> Data {
        var object: [String: JSONValue] = ["code": .number(Double(error.code)), "message": .string(error.message)]
        if let data = error.data { object["data"] = data }
        var data = Data("{\"jsonrpc\":\"2.0\",\"id\":".utf8)
        data.append(id.jsonText)
        data.append(contentsOf: Array(",\"error\":".utf8))
        data.append((try? encode(JSONValue.object(object))) ?? Data("{\"code\":-32603,\"message\":\"Internal error\"}".utf8))
        data.append(UInt8(ascii: "}"))
        return data
    }

    /// A batch's responses as a JSON array.
    static func batch(_ responses: [Data]) -> Data {
        var data = Data([UInt8(ascii: "[")])
        for (index, response) in responses.enumerated() {
            if index > 0 { data.append(UInt8(ascii: ",")) }
            data.append(response)
        }
        data.append(UInt8(ascii: "]"))
        return data
    }
}
