import Foundation
import KlageDelivery
import KlageKernel
import KlageServer
import KlageTestSupport
import Testing

/// Webhook deliveries are fair between tenants, on every engine: with the dispatcher running, a
/// tenant whose receiver hangs (many deliveries due, each held until the 60 s timeout) uses its own
/// share only, and another tenant's event reaches its receiver long before any of those time out
/// (behind them, it would wait the whole timeout). The timeout is long so that no hanging delivery ends,
/// and none is taken again, while the test runs, however loaded the machine.
@Suite struct WebhookFairnessTests {
    @Test(arguments: StorageBackend.available)
    func aTenantWhoseReceiverHangsDoesNotDelayAnotherTenantsDeliveries(_ backend: StorageBackend) async throws {
        let configure = { (configuration: inout ServerConfiguration) in
            configuration.deliveryIntervalSeconds = 0.05
            configuration.integrations.webhookTimeoutSeconds = 60
            configuration.integrations.webhookPrivateTargetTenants = ["gladsaxe", "kobenhavn"]
            configuration.integrations.allowLoopbackTargetsForTests = true
        }
        try await withTestServer(backend, configure: configure) { server in
            try await withWebhookReceiver { hanging, hangingURL in
                try await withWebhookReceiver { healthy, healthyURL in
                    hanging.mode = .hang
                    defer { hanging.mode = .accept }
                    let gladsaxe = try await server.key("gladsaxe", .admin)
                    let copenhagen = try await server.key("kobenhavn", .admin)
                    _ = try await server.result("webhook.create", ["url": .string(hangingURL), "events": ["*"]], key: gladsaxe)
                    _ = try await server.result("webhook.create", ["url": .string(healthyURL), "events": ["*"]], key: copenhagen)

                    // Gladsaxe has many deliveries due, and its receiver holds every one it gets.
                    let gladsaxeCaseworker = try await server.key("gladsaxe", .caseworker)
                    for index in 1...40 {
                        var complaint = Fixtures.copenhagenComplaint.objectValue!
                        complaint["externalRef"] = .string("GLX-\(index)")
                        _ = try await server.result("complaint.create", .object(complaint), key: gladsaxeCaseworker)
                    }
                    #expect(await Self.within(.seconds(5)) { hanging.arrivals > 0 }, "Gladsaxe's deliveries are hanging")

                    let started = ContinuousClock.now
                    _ = try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: try await server.key("kobenhavn", .caseworker))
                    #expect(await Self.within(.seconds(45)) { !healthy.acceptedIDs.isEmpty })
                    let waited = ContinuousClock.now - started
                    print("WebhookFairnessTests: Copenhagen's event arrived after \(waited) with Gladsaxe's receiver hanging")
                    #expect(waited < .seconds(30), "Copenhagen's event waited \(waited) behind Gladsaxe's hanging receiver")
                    #expect(hanging.arrivals <= DeliveryEngine.tenantShare, "Gladsaxe holds its own share only")
                }
            }
        }
    }

    /// One engine delivers both, but in lanes of their own: while Copenhagen's webhook receiver holds
    /// every delivery it gets (60 s each), the retry of its plug-in hook that failed runs at once.
    @Test(arguments: StorageBackend.available)
    func aTenantsHangingWebhooksDoNotHoldItsPluginHooks(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        let recorder = HookRecorder(failures: 1)
        let tenants: [ServerConfiguration.TenantSeed] = [.init(id: "kobenhavn", name: "Københavns Kommune", plugins: ["borgerkontakt", "flaky"])]
        let configure = { (configuration: inout ServerConfiguration) in
            configuration.deliveryIntervalSeconds = 0.05
            configuration.integrations.webhookTimeoutSeconds = 60
            configuration.integrations.webhookPrivateTargetTenants = ["kobenhavn"]
            configuration.integrations.allowLoopbackTargetsForTests = true
        }
        try await withTestServer(
            backend, clock: clock, plugins: KlagePlugins.all + [FlakyHookPlugin(recorder: recorder)], tenants: tenants, configure: configure
        ) { server in
            try await withWebhookReceiver { hanging, url in
                hanging.mode = .hang
                defer { hanging.mode = .accept }
                _ = try await server.result("webhook.create", ["url": .string(url), "events": ["*"]], key: try await server.key("kobenhavn", .admin))
                let caseworker = try await server.key("kobenhavn", .caseworker)
                let id = try #require(try await server.result("complaint.create", Fixtures.copenhagenComplaint, key: caseworker).string("id"))
                let contact: JSONValue = [
                    "complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(clock.now())), "summary": "Called back",
                ]
                _ = try await server.result("contact.record", contact, key: caseworker)  // the flaky hook fails its first attempt
                let event = try #require(recorder.events.first)
                #expect(await Self.within(.seconds(5)) { hanging.arrivals > 0 }, "Copenhagen's webhook deliveries are hanging")

                clock.advance(by: DeliveryPolicy().retryDelay(after: 1))
                #expect(await Self.within(.seconds(20)) { recorder.flakySuccesses(event) == 1 }, "the hook's retry waited behind the webhooks")
            }
        }
    }

    /// Polls `condition` every 20 ms for up to `limit`. - Returns: whether it came true.
    private static func within(_ limit: Duration, _ condition: @Sendable () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }
}
