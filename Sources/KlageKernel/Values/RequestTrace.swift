/// The W3C trace context (`traceparent`) of the request being served, for the events it records: the
/// HTTP layer sets it for the request's task, and every ``DomainEvent`` made in that task keeps it, so a
/// webhook delivered later continues the same trace.
///
/// ```swift
/// try await RequestTrace.$parent.withValue("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01") { … }
/// ```
public enum RequestTrace {
    /// `00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`, or `nil` outside a traced request.
    @TaskLocal public static var parent: String?

    /// `text` when it is a `traceparent` of version 00 with non-zero ids (W3C Trace Context §3.2), else `nil`:
    /// anything else a client sends is dropped, not stored or passed on.
    public static func valid(_ text: String?) -> String? {
        guard let text, text.utf8.count == 55 else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "00", parts[1].count == 32, parts[2].count == 16, parts[3].count == 2 else { return nil }
        let lowerHex = { (part: Substring) in part.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) } }
        guard parts.dropFirst().allSatisfy(lowerHex), parts[1].contains(where: { $0 != "0" }), parts[2].contains(where: { $0 != "0" }) else {
            return nil
        }
        return text
    }
}
