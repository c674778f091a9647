import AsyncHTTPClient
import Foundation
import KlageKernel
import NIOCore
import NIOHTTP1

/// Delivers webhooks over HTTP with AsyncHTTPClient: a signed JSON POST per event, redirects refused,
/// the target checked again before each attempt (``WebhookTargetCheck``), the answer's body ignored.
struct HTTPWebhookTransport: WebhookTransport {
    let client: HTTPClient
    let targets: WebhookTargetCheck
    let timeout: TimeAmount

    func checkTarget(_ url: String, tenant: TenantID) async throws {
        _ = try await targets.check(url, tenant: tenant)
    }

    func send(_ event: FeedEvent, to webhook: Webhook) async -> WebhookAttemptOutcome {
        do {
            _ = try await targets.check(webhook.url, tenant: webhook.tenant)
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
            request.headers.add(name: "webhook-timestamp", value: String(timestamp))
            request.headers.add(
                name: "webhook-signature",
                value: WebhookSignature.sign(id: event.event.id.rawValue, timestamp: timestamp, body: body, secret: webhook.secret))
            request.body = .bytes(ByteBuffer(bytes: body))
            let response = try await client.execute(request, timeout: timeout)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            let status = Int(response.status.code)
            return (200..<300).contains(status) ? .delivered(status: status) : .failed("HTTP \(status)")
        } catch let error as HTTPClientError {
            return .failed(Self.describe(error))
        } catch {
            return .failed("connection failed")
        }
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
