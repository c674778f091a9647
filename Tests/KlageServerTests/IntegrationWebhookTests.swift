import Foundation
import KlageDelivery
import KlageKernel
import KlageServer
import KlageTestSupport
import Testing

/// Webhooks end to end, on every engine, against a real HTTP receiver on loopback: signed deliveries,
/// retries with back-off through a receiver that fails, times out and recovers, failed deliveries
/// listed and replayed, targets refused, tenants kept apart. The clock is fixed; the tests run the
/// dispatcher's passes themselves.
@Suite struct IntegrationWebhookTests {
    /// A server whose Copenhagen may target loopback, with deliveries run by the test.
    private func withServer(
        _ backend: StorageBackend, timeout: Double = 10, _ body: @Sendable (TestServer, FixedClock) async throws -> Void
    ) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock, configure: Self.configure(privateTargets: ["kobenhavn"], timeout: timeout)) { server in
            try await body(server, clock)
        }
    }

    /// Deliveries run by the test, a delivery timeout of `timeout` seconds, and private targets allowed
    /// for `privateTargets`, loopback too unless `loopback` is `false` (a test-only setting).
    static func configure(privateTargets: [String], timeout: Double = 10, loopback: Bool = true) -> (inout ServerConfiguration) -> Void {
        { configuration in
            configuration.deliveryIntervalSeconds = 0
            configuration.integrations.webhookTimeoutSeconds = timeout
            configuration.integrations.webhookPrivateTargetTenants = privateTargets
            configuration.integrations.allowLoopbackTargetsForTests = loopback
        }
    }

    /// Copenhagen's fixture complaint with the case system's reference `ref`.
    static func copenhagenComplaint(ref: String) -> JSONValue {
        var fields = Fixtures.copenhagenComplaint.objectValue ?? [:]
        fields["externalRef"] = .string(ref)
        return .object(fields)
    }

    /// Registers a complaint in Copenhagen and records a call-back; returns the complaint's id.
    private func complaintWithContact(_ server: TestServer, key: String, clock: FixedClock, ref: String) async throws -> String {
        let id = try #require(try await server.result("complaint.create", Self.copenhagenComplaint(ref: ref), key: key).string("id"))
        _ = try await server.result(
            "contact.record",
            ["complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(clock.now())), "summary": "Called back"],
            key: key)
        return id
    }

    /// The ids of the tenant's events of `types`, from `event.list`.
    private func eventIDs(_ server: TestServer, key: String, types: [String]) async throws -> [String] {
        let page = try await server.result("event.list", ["types": .array(types.map(JSONValue.string)), "limit": 1000], key: key)
        return page["events"]?.arrayValue?.compactMap { $0.string("id") } ?? []
    }

    @Test(arguments: StorageBackend.available)
    func aReceiverThatIsDownGetsEveryEventOnceItRecovers(_ backend: StorageBackend) async throws {
        try await withServer(backend, timeout: 2) { server, clock in
            try await withWebhookReceiver { receiver, url in
                let admin = try await server.key("kobenhavn", .admin)
                let caseworker = try await server.key("kobenhavn", .caseworker)
                let hook = try await server.result("webhook.create", ["url": .string(url), "events": ["contact.recorded"]], key: admin)
                let secret = try #require(hook.string("secret"))
                #expect(secret.hasPrefix("whsec_"))

                receiver.mode = .fail(503)
                for index in 1...3 { _ = try await complaintWithContact(server, key: caseworker, clock: clock, ref: "ESDH-\(index)") }
                let expected = try await eventIDs(server, key: admin, types: ["contact.recorded"])
                #expect(expected.count == 3)

                let webhooks = server.host.integrations.deliveries
                #expect(await webhooks.dispatchDue() == 3)
                #expect(receiver.received.count == 3)
                #expect(await webhooks.dispatchDue() == 0, "not due again before the back-off")

                receiver.mode = .hang  // past the sender's 2 s timeout
                clock.advance(by: 10)
                #expect(await webhooks.dispatchDue() == 3)

                receiver.mode = .accept
                clock.advance(by: 40)
                #expect(await webhooks.dispatchDue() == 3)
                #expect(receiver.acceptedIDs.sorted() == expected.sorted())
                clock.advance(by: 3600)
                #expect(await webhooks.dispatchDue() == 0, "a delivered event is not sent again")

                for delivery in receiver.received where delivery.accepted {
                    #expect(
                        WebhookSignature.verify(
                            id: delivery.id, timestamp: delivery.timestamp, body: delivery.body, signatures: delivery.signature, secret: secret,
                            now: Date()))
                    let body = try JSONDecoder().decode(JSONValue.self, from: delivery.body)
                    #expect(body.string("id") == delivery.id)
                    #expect(body.string("type") == "contact.recorded")
                    #expect(body.string("tenant") == "kobenhavn")
                }
            }
        }
    }

    @Test(arguments: StorageBackend.available)
    func anEventCarriesTheTraceOfTheRequestThatRecordedItToItsWebhook(_ backend: StorageBackend) async throws {
        try await withServer(backend) { server, _ in
            try await withWebhookReceiver { receiver, url in
                let admin = try await server.key("kobenhavn", .admin)
                let caseworker = try await server.key("kobenhavn", .caseworker)
                _ = try await server.result("webhook.create", ["url": .string(url), "events": ["complaint.received"]], key: admin)
                let traced = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
                let create = { (ref: String, traceParent: String?) in
                    let request: JSONValue = ["jsonrpc": "2.0", "id": 1, "method": "complaint.create", "params": Self.copenhagenComplaint(ref: ref)]
                    let answer = try await server.post(
                        try JSONEncoder().encode(request), key: caseworker, headers: traceParent.map { ["traceparent": $0] } ?? [:])
                    #expect(JSONValue.parse(answer.body)["result"]?.string("id") != nil)
                }
                try await create("TRACED", traced)
                try await create("MALFORMED", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")
                try await create("UNTRACED", nil)
                #expect(await server.host.integrations.deliveries.dispatchDue() == 3)
                // In the order the complaints were made: the feed's positions.
                let traces = try receiver.received.map { delivery in
                    (Int(try JSONDecoder().decode(JSONValue.self, from: delivery.body)["position"]?.numberValue ?? 0), delivery.traceParent)
                }.sorted { $0.0 < $1.0 }.map(\.1)
                // The proxy's traceparent, stored with the event, reaches the webhook; a malformed one is dropped.
                #expect(traces == [traced, "", ""])
            }
        }
    }

    @Test(arguments: StorageBackend.available)
    func aForgedOrReplayedSignatureIsDetected(_ backend: StorageBackend) async throws {
        try await withServer(backend) { server, _ in
            try await withWebhookReceiver { receiver, url in
                let admin = try await server.key("kobenhavn", .admin)
                let hook = try await server.result("webhook.create", ["url": .string(url), "events": ["*"]], key: admin)
                let secret = try #require(hook.string("secret"))
                let test = try await server.result("webhook.test", ["id": .string(try #require(hook.string("id")))], key: admin)
                #expect(test["delivered"] == true)
                let delivery = try #require(receiver.received.first)
                let now = Date()
                #expect(
                    WebhookSignature.verify(
                        id: delivery.id, timestamp: delivery.timestamp, body: delivery.body, signatures: delivery.signature, secret: secret, now: now)
                )
                // A changed body, another id, another secret, a made-up signature: all refused.
                var forged = delivery.body
                forged.append(contentsOf: Array(" ".utf8))
                #expect(
                    !WebhookSignature.verify(
                        id: delivery.id, timestamp: delivery.timestamp, body: forged, signatures: delivery.signature, secret: secret, now: now))
                #expect(
                    !WebhookSignature.verify(
                        id: "other", timestamp: delivery.timestamp, body: delivery.body, signatures: delivery.signature, secret: secret, now: now))
                let otherSecret = "whsec_" + Data(repeating: 7, count: 32).base64EncodedString()
                #expect(
                    !WebhookSignature.verify(
                        id: delivery.id, timestamp: delivery.timestamp, body: delivery.body, signatures: delivery.signature, secret: otherSecret,
                        now: now))
                #expect(
                    !WebhookSignature.verify(
                        id: delivery.id, timestamp: delivery.timestamp, body: delivery.body, signatures: "v1,AAAA", secret: secret, now: now))
                // The same delivery replayed later than the tolerance is refused by its timestamp.
                #expect(
                    !WebhookSignature.verify(
                        id: delivery.id, timestamp: delivery.timestamp, body: delivery.body, signatures: delivery.signature, secret: secret,
                        now: now.addingTimeInterval(WebhookSignature.tolerance + 1)))
                // A timestamp moved forward to look fresh breaks the signature.
                let moved = String((Int(delivery.timestamp) ?? 0) + 600)
                #expect(
                    !WebhookSignature.verify(
                        id: delivery.id, timestamp: moved, body: delivery.body, signatures: delivery.signature, secret: secret,
                        now: now.addingTimeInterval(600)))
            }
        }
    }

    @Test(arguments: StorageBackend.available)
    func failedDeliveriesAreListedAndReplayed(_ backend: StorageBackend) async throws {
        try await withServer(backend) { server, clock in
            try await withWebhookReceiver { receiver, url in
                let admin = try await server.key("kobenhavn", .admin)
                let caseworker = try await server.key("kobenhavn", .caseworker)
                let hook = try await server.result("webhook.create", ["url": .string(url), "events": ["contact.recorded"]], key: admin)
                let hookID = try #require(hook.string("id"))
                receiver.mode = .fail(500)
                _ = try await complaintWithContact(server, key: caseworker, clock: clock, ref: "ESDH-F")
                let policy = DeliveryPolicy()
                #expect(policy.retryWindow >= 24 * 3600, "retried for at least a day")
                for _ in 1...policy.maxAttempts {
                    await server.host.integrations.deliveries.dispatchDue()
                    clock.advance(by: policy.maxDelay)
                }
                #expect(receiver.received.count == policy.maxAttempts)
                let failed = try await server.result("webhook.deliveries", ["webhookId": .string(hookID)], key: admin)
                let items = try #require(failed["items"]?.arrayValue)
                #expect(items.count == 1)
                #expect(items.first?.string("state") == "failed")
                #expect(items.first?.string("lastError") == "HTTP 500")
                #expect(items.first?.int("attempts") == policy.maxAttempts)

                receiver.mode = .accept
                let replayed = try await server.result("webhook.replay", ["webhookId": .string(hookID)], key: admin)
                #expect(replayed.int("replayed") == 1)
                #expect(await server.host.integrations.deliveries.dispatchDue() == 1)
                #expect(receiver.acceptedIDs.count == 1)
                let delivered = try await server.result("webhook.deliveries", ["webhookId": .string(hookID), "state": "delivered"], key: admin)
                #expect(delivered["items"]?.arrayValue?.count == 1)
            }
        }
    }

    @Test(arguments: StorageBackend.available)
    func targetsOnThePrivateNetworkAreRefusedUnlessTheOperatorAllowsThem(_ backend: StorageBackend) async throws {
        try await withServer(backend) { server, _ in
            let admin = try await server.key("roskilde", .admin)
            for url in [
                "http://127.0.0.1:9/hook", "https://127.0.0.1/hook", "https://10.1.2.3/", "https://192.168.0.10/", "https://172.20.0.1/",
                "https://169.254.169.254/latest", "https://[::1]/", "https://[fd00::1]/", "https://[::ffff:127.0.0.1]/", "https://0.0.0.0/",
                "https://localhost/hook", "http://example.org/hook", "https://user:pw@example.org/", "ftp://example.org/", "not a url",
            ] {
                let reply = try await server.call("webhook.create", ["url": .string(url), "events": ["*"]], key: admin)
                #expect(reply["error"]?.int("code") == -32022, "\(url) must be refused")
            }
            let unknownType = try await server.call("webhook.create", ["url": "https://127.0.0.1/", "events": ["no spaces allowed"]], key: admin)
            #expect(unknownType["error"]?.int("code") == -32022)
            // Role checks: only a tenant admin manages webhooks.
            for role in [Role.caseworker, .leader, .integration] {
                let key = try await server.key("roskilde", role)
                let reply = try await server.call("webhook.list", [:], key: key)
                #expect(reply["error"]?.int("code") == -32003)
            }
            #expect(try await server.result("webhook.list", [:], key: admin)["items"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test(arguments: StorageBackend.available)
    func theHostsOwnAddressesAreRefusedEvenForATenantAllowedPrivateTargets(_ backend: StorageBackend) async throws {
        try await withTestServer(backend, configure: Self.configure(privateTargets: ["kobenhavn"], loopback: false)) { server in
            let admin = try await server.key("kobenhavn", .admin)
            for url in [
                "http://127.0.0.1:9/hook", "http://127.8.9.10/", "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://169.254.169.254/latest",
                "http://169.254.10.1/", "http://[fe80::1]/", "http://[fd00:ec2::254]/", "http://100.100.100.200/", "http://0.0.0.0/",
                "http://[::]/", "http://localhost/hook",
            ] {
                let reply = try await server.call("webhook.create", ["url": .string(url), "events": ["*"]], key: admin)
                #expect(reply["error"]?.int("code") == -32022, "\(url) must be refused")
            }
            for url in ["http://10.1.2.3/hook", "https://[fd12:3456::1]/hook", "http://100.64.0.1/hook"] {
                let reply = try await server.call("webhook.create", ["url": .string(url), "events": ["*"]], key: admin)
                #expect(reply["error"] == nil, "\(url) is on the municipality's own network: \(reply)")
            }
        }
    }

    @Test(arguments: StorageBackend.available)
    func aTenantsWebhookAndFeedNeverSeeAnotherTenantsEvents(_ backend: StorageBackend) async throws {
        try await withTestServer(
            backend, clock: FixedClock(Fixtures.monday), configure: Self.configure(privateTargets: ["kobenhavn", "roskilde"])
        ) { server in
            try await withWebhookReceiver { receiver, url in
                let roskildeAdmin = try await server.key("roskilde", .admin)
                _ = try await server.result("webhook.create", ["url": .string(url), "events": ["*"]], key: roskildeAdmin)
                let caseworker = try await server.key("kobenhavn", .caseworker)
                _ = try await complaintWithContact(server, key: caseworker, clock: FixedClock(Fixtures.monday), ref: "ESDH-ISO")
                #expect(await server.host.integrations.deliveries.dispatchDue() == 0)
                #expect(receiver.received.isEmpty)
                let roskildeFeed = try await server.result("event.list", [:], key: try await server.key("roskilde", .integration))
                #expect(roskildeFeed["events"]?.arrayValue?.isEmpty == true)
                let copenhagenFeed = try await server.result("event.list", [:], key: try await server.key("kobenhavn", .integration))
                #expect(copenhagenFeed["events"]?.arrayValue?.isEmpty == false)
            }
        }
    }
}
