import Foundation
import KlageDelivery
import KlageKernel
import NIOCore
import Synchronization
import Testing

@testable import KlageServer

/// A webhook's connection goes to the address its target check resolved and checked, never to a
/// later answer for the same name (DNS rebinding): the name is one only the test's resolver knows,
/// and that resolver answers loopback (where the receiver listens) first, the metadata address after.
@Suite struct WebhookPinningTests {
    /// A resolver that answers `first` once and `later` ever after, and counts the questions.
    final class RebindingResolver: Sendable {
        private let calls = Mutex(0)
        let first: IPAddress
        let later: IPAddress

        init(first: String, later: String) {
            self.first = IPAddress(literal: first)!
            self.later = IPAddress(literal: later)!
        }

        var asked: Int { calls.withLock { $0 } }

        var resolver: WebhookResolver {
            WebhookResolver { _ in
                let call = self.calls.withLock { count in
                    count += 1
                    return count
                }
                return [call == 1 ? self.first : self.later]
            }
        }
    }

    @Test func aDeliveryConnectsToTheCheckedAddressAndALaterAnswerIsCheckedAgain() async throws {
        try await withWebhookReceiver { receiver, url in
            let port = try #require(URL(string: url)?.port)
            let dns = RebindingResolver(first: "127.0.0.1", later: "169.254.169.254")
            var targets = WebhookTargetCheck(privateTenants: ["kobenhavn"], allowLoopbackForTests: true)
            targets.resolver = dns.resolver
            let transport = HTTPWebhookTransport(targets: targets, timeout: .seconds(30))  // generous: a loaded machine is slow, not wrong
            let now = Date()
            let webhook = Webhook(
                tenant: "kobenhavn", id: "hook-1", url: "http://case-system.rebinding.invalid:\(port)/hook", eventTypes: ["*"],
                description: nil, secret: "whsec_" + Data(repeating: 1, count: 32).base64EncodedString(), position: 0, createdAt: now,
                createdBy: "test")
            let event = FeedEvent(
                position: 1,
                event: DomainEvent(id: EventID("event-1"), tenant: "kobenhavn", at: now, type: "webhook.test", actor: "test", summary: "Pinned"))

            // The check asked once and got loopback; the connection went there, with the name kept as the Host.
            #expect(await transport.send(event, to: webhook) == .delivered(status: 200))
            #expect(dns.asked == 1, "the HTTP client made no lookup of its own")
            #expect(receiver.received.map(\.host) == ["case-system.rebinding.invalid:\(port)"])

            // The name now answers the metadata address: the next attempt is refused before any connection.
            #expect(await transport.send(event, to: webhook) == .failed("target refused"))
            #expect(dns.asked == 2)
            #expect(receiver.received.count == 1)
        }
    }
}
