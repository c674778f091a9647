import Foundation
import KlageKernel
import Testing

@testable import KlageServer

/// Which webhook target addresses are public, and the back-off that retries a delivery for a day.
@Suite struct IntegrationTargetTests {
    @Test(arguments: [
        "127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
        "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::", "fe80::1", "fd12:3456::1", "fc00::1", "ff02::1", "::ffff:127.0.0.1",
        "::ffff:10.1.2.3", "64:ff9b::a01:203", "2001:db8::1",
    ])
    func aPrivateAddressIsNotPublic(_ literal: String) throws {
        let address = try #require(IPAddress(literal: literal))
        #expect(!address.isPublic)
    }

    @Test(arguments: ["93.184.216.34", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:93.184.216.34"])
    func aPublicAddressIsPublic(_ literal: String) throws {
        #expect(try #require(IPAddress(literal: literal)).isPublic)
    }

    @Test func theRetriesLastAtLeastADayAndGrowFourfold() {
        let policy = WebhookPolicy()
        #expect(policy.retryDelay(after: 1) == 10)
        #expect(policy.retryDelay(after: 2) == 40)
        #expect(policy.retryDelay(after: 3) == 160)
        #expect(policy.retryDelay(after: 20) == 6 * 3600)
        #expect(policy.retryWindow >= 24 * 3600)
        #expect(policy.retryWindow < 36 * 3600)
    }

    @Test func aTenantTheOperatorAllowsMayTargetLoopbackOverHTTP() async throws {
        let check = WebhookTargetCheck(privateTenants: ["kobenhavn"])
        _ = try await check.check("http://127.0.0.1:8080/hook", tenant: "kobenhavn")
        await #expect(throws: KlageError.self) { _ = try await check.check("http://127.0.0.1:8080/hook", tenant: "roskilde") }
        await #expect(throws: KlageError.self) { _ = try await check.check("https://127.0.0.1/hook", tenant: "roskilde") }
        await #expect(throws: KlageError.self) { _ = try await check.check("https://localhost/hook", tenant: "roskilde") }
    }
}
