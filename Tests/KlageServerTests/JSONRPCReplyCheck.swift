import Foundation
import KlageKernel
import KlageRPC

/// Checks that an HTTP reply to `POST /rpc` is what JSON-RPC 2.0 allows, for tests that send hostile bodies.
///
/// Allowed: 204 with no body (only notifications), or 200 (413 for an oversized body; 429 or 503
/// for a body refused for load, with -32029 errors only) with
/// `Content-Type: application/json` and a body that strict JSON parsing reads as one response
/// object or a non-empty array of them. A response object has exactly `jsonrpc: "2.0"`, an `id`
/// (string, number or null), and either `result` or an `error` with an integer `code` and a string
/// `message` (and optionally `data`).
enum JSONRPCReplyCheck {
    /// What is wrong with the reply, or `nil` when it is well formed.
    static func problem(status: Int, contentType: String?, body: [UInt8]) -> String? {
        switch status {
        case 204:
            return body.isEmpty ? nil : "204 with a body"
        case 200, 413, 429, 503:
            guard contentType?.hasPrefix("application/json") == true else { return "\(status) with content type \(contentType ?? "none")" }
            let value: JSONValue
            do {
                value = try JSONParser().parse(Data(body))
            } catch {
                return
                    "\(status) with a body that is not strict JSON (\(error.data?["reason"]?.stringValue ?? "")): \(String(decoding: body.prefix(200), as: UTF8.self))"
            }
            if status == 413, value["error"]?["code"] != -32600 { return "413 without a -32600 error" }
            if status == 429 || status == 503 {
                let codes = (value.arrayValue ?? [value]).map { $0["error"]?["code"] }
                if codes.isEmpty || codes.contains(where: { $0 != -32029 }) { return "\(status) with other than -32029 errors" }
            }
            if let elements = value.arrayValue {
                if status == 413 || elements.isEmpty { return "an empty or misplaced batch reply" }
                return elements.lazy.compactMap(problem(response:)).first
            }
            return problem(response: value)
        default:
            return "HTTP status \(status)"
        }
    }

    /// What is wrong with one response object, or `nil`.
    static func problem(response: JSONValue) -> String? {
        guard let object = response.objectValue else { return "a response that is a \(response.typeName)" }
        guard object["jsonrpc"] == "2.0" else { return "a response without jsonrpc 2.0" }
        switch object["id"] {
        case .string?, .number?, .null?: break
        default: return "a response whose id is missing or a \(object["id"]?.typeName ?? "")"
        }
        switch (object["result"], object["error"]) {
        case (_?, nil):
            return object.count == 3 ? nil : "a result response with extra members"
        case (nil, let error?):
            guard object.count == 3 else { return "an error response with extra members" }
            guard let code = error["code"]?.numberValue, code.rounded() == code else { return "an error without an integer code" }
            guard error["message"]?.stringValue != nil else { return "an error without a message" }
            return (error.objectValue?.keys.allSatisfy { ["code", "message", "data"].contains($0) } ?? false) ? nil : "an error with extra members"
        default:
            return "a response with neither or both of result and error"
        }
    }
}
