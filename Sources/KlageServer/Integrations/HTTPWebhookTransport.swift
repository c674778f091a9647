import AsyncHTTPClient
import Foundation
import KlageDelivery
import KlageKernel
import NIOCore
import NIOHTTP1

/// Delivers webhooks over HTTP with AsyncHTTPClient: a signed JSON POST per event, redirects refused,
/// the target checked again before each attempt (``WebhookTargetCheck``), the answer's body ignored.
///
/// **The connection goes to the address that was checked.** A name resolved once for the check and
/// again by the HTTP client for the connect could answer a public address the first time and a
/// private one the second (DNS rebinding). So each attempt resolves once, checks every address, and
/// connects to the first checked one: it runs on a client of its own whose `dnsOverride` maps the
/// URL's host to that address. AsyncHTTPClient then connects to the address without a lookup of its
/// own, and still sends the name in the `Host` header and as the TLS server name (SNI), and
/// verifies the certificate against the name. (AsyncHTTPClient 1.37 has no per-request resolver or
/// server name; a URL with the address in it would lose SNI and the certificate's name check.)
/// The client lives for one attempt, so a pooled connection is never reused for an address that
/// was not checked; the price is a TCP and TLS handshake per delivery.
struct HTTPWebhookTransport: WebhookTransport {
    /// The settings each attempt's client starts from: timeouts, no redirects.
    let configuration: HTTPClient.Configuration
    let targets: WebhookTargetCheck
    let timeout: TimeAmount

    /// A transport with `timeout` for connect, read and the whole attempt.
    init(targets: WebhookTargetCheck, timeout: TimeAmount) {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: timeout, read: timeout))
        configuration.connectionPool.idleTimeout = .seconds(1)
        self.configuration = configuration
        self.targets = targets
        self.timeout = timeout
    }

    func checkTarget(_ url: String, tenant: TenantID) async throws {
        _ = try await targets.check(url, tenant: tenant)
    }

    func send(_ event: FeedEvent, to webhook: Webhook) async -> WebhookAttemptOutcome {
        let target: WebhookTargetCheck.Target
        do {
            target = try await targets.check(webhook.url, tenant: webhook.tenant)
        } catch {
            return .failed("target refused")
        }
        do {
            let body = try Self.encoder.encode(event)
            let timestamp = Int(Date().timeIntervalSince1970)
            var request = HTTPClientRequest(url: webhook.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "Klage-Webhooks/1")
            request.headers.add(name: "webhook-id", value: event.event.id.rawValue)
            // The trace of the request that recorded the event (W3C Trace Context), for the case system's own traces.
            if let parent = event.event.traceParent { request.headers.add(name: "traceparent", value: parent) }
            request.headers.add(name: "webhook-timestamp", value: String(timestamp))
            request.headers.add(
                name: "webhook-signature",
                value: WebhookSignature.sign(id: event.event.id.rawValue, timestamp: timestamp, body: body, secret: webhook.secret))
            request.body = .bytes(ByteBuffer(bytes: body))
            let status = try await execute(request, pinnedTo: target)
            return (200..<300).contains(status) ? .delivered(status: status) : .failed("HTTP \(status)")
        } catch let error as HTTPClientError {
            return .failed(Self.describe(error))
        } catch {
            return .failed("connection failed")
        }
    }

    /// Sends `request` over a connection to `target`'s checked address only, on a client that lives
    /// for this request. - Returns: the answer's status; its body (up to 64 KiB) is read and dropped.
    private func execute(_ request: HTTPClientRequest, pinnedTo target: WebhookTargetCheck.Target) async throws -> Int {
        var configuration = self.configuration
        if target.hostIsName { configuration.dnsOverride = [target.host: target.address.text] }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let status: Result<Int, any Error>
        do {
            let response = try await client.execute(request, timeout: timeout)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            status = .success(Int(response.status.code))
        } catch {
            status = .failure(error)
        }
        try? await client.shutdown()
        return try status.get()
    }

    /// A short, safe description of a transport failure (no URL, no body).
    private static func describe(_ error: HTTPClientError) -> String {
        switch error {
        case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout: "timeout"
        case .remoteConnectionClosed: "connection closed"
        default: "connection failed"
        }
    }

    /// Keys sorted, so a body is the same bytes for the same event.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
