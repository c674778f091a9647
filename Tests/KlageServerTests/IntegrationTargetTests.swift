import Foundation
import KlageDelivery
import KlageKernel
import Testing

@testable import KlageServer

/// Which webhook target addresses are public, which are never a target (the host's own: loopback,
/// link-local, metadata, unspecified), and the back-off that retries a delivery for a day.
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
        let policy = DeliveryPolicy()
        #expect(policy.retryDelay(after: 1) == 10)
        #expect(policy.retryDelay(after: 2) == 40)
        #expect(policy.retryDelay(after: 3) == 160)
        #expect(policy.retryDelay(after: 20) == 6 * 3600)
        #expect(policy.retryWindow >= 24 * 3600)
        #expect(policy.retryWindow < 36 * 3600)
    }

    @Test(arguments: [
        "127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "169.254.169.254", "169.254.1.2", "fe80::1", "fd00:ec2::254", "100.100.100.200",
        "0.0.0.0", "0.1.2.3", "::", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "224.0.0.1", "255.255.255.255", "ff02::1",
    ])
    func theHostsOwnAddressesAreNeverATarget(_ literal: String) throws {
        #expect(try #require(IPAddress(literal: literal)).isNeverATarget)
    }

    @Test(arguments: ["10.0.0.1", "172.16.0.1", "192.168.1.1", "100.64.0.1", "fd12:3456::1", "fd00:ec2::253", "93.184.216.34", "2606:4700::1111"])
    func aPrivateOrPublicAddressMayBeATarget(_ literal: String) throws {
        #expect(try !#require(IPAddress(literal: literal)).isNeverATarget)
    }

    @Test(arguments: ["127.0.0.1", "::1", "192.0.2.1", "2001:db8::1", "::ffff:10.1.2.3"])
    func anAddressIsWrittenAsASocketTakesIt(_ literal: String) throws {
        #expect(try #require(IPAddress(literal: literal)).text == literal)
    }

    @Test func aTenantTheOperatorAllowsMayTargetItsPrivateNetworkOverHTTP() async throws {
        let check = WebhookTargetCheck(privateTenants: ["kobenhavn"])
        _ = try await check.check("http://10.0.0.5:8080/hook", tenant: "kobenhavn")
        _ = try await check.check("http://[fd12:3456::1]/hook", tenant: "kobenhavn")
        await #expect(throws: KlageError.self) { _ = try await check.check("http://10.0.0.5:8080/hook", tenant: "roskilde") }
        await #expect(throws: KlageError.self) { _ = try await check.check("https://10.0.0.5/hook", tenant: "roskilde") }
        await #expect(throws: KlageError.self) { _ = try await check.check("https://localhost/hook", tenant: "roskilde") }
    }

    @Test(arguments: [
        "http://127.0.0.1:8080/hook", "http://[::1]/", "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/",
        "http://100.100.100.200/", "http://0.0.0.0/", "http://[::]/", "http://[fe80::1]/", "http://localhost/",
    ])
    func loopbackLinkLocalAndMetadataAreRefusedEvenToATenantAllowedPrivateTargets(_ url: String) async throws {
        let check = WebhookTargetCheck(privateTenants: ["kobenhavn"])
        await #expect(throws: KlageError.self) { _ = try await check.check(url, tenant: "kobenhavn") }
    }

    @Test func aNameThatResolvesToTheMetadataServiceIsRefusedToATenantAllowedPrivateTargets() async throws {
        var check = WebhookTargetCheck(privateTenants: ["kobenhavn"])
        check.resolver = WebhookResolver { _ in [IPAddress(literal: "10.0.0.7")!, IPAddress(literal: "169.254.169.254")!] }
        await #expect(throws: KlageError.self) { _ = try await check.check("http://case-system.kommune.example/hook", tenant: "kobenhavn") }
        check.resolver = WebhookResolver { _ in [IPAddress(literal: "10.0.0.7")!] }
        let target = try await check.check("http://case-system.kommune.example/hook", tenant: "kobenhavn")
        #expect(target.address == IPAddress(literal: "10.0.0.7"))
        #expect(target.hostIsName)
    }

    @Test func loopbackIsAllowedOnlyByTheTestOnlySettingAndOnlyToPrivateTenants() async throws {
        let check = WebhookTargetCheck(privateTenants: ["kobenhavn"], allowLoopbackForTests: true)
        _ = try await check.check("http://127.0.0.1:8080/hook", tenant: "kobenhavn")
        await #expect(throws: KlageError.self) { _ = try await check.check("http://127.0.0.1:8080/hook", tenant: "roskilde") }
        await #expect(throws: KlageError.self) { _ = try await check.check("http://169.254.169.254/", tenant: "kobenhavn") }
        // Neither klage.json nor the environment can turn it on.
        var settings = try JSONDecoder().decode(
            IntegrationSettings.self, from: Data(#"{"allowLoopbackTargetsForTests": true, "webhookPrivateTargetTenants": ["kobenhavn"]}"#.utf8))
        try settings.apply(environment: ["KLAGE_ALLOW_LOOPBACK_TARGETS_FOR_TESTS": "1", "KLAGE_WEBHOOK_ALLOW_LOOPBACK": "1"])
        #expect(settings.webhookPrivateTargetTenants == ["kobenhavn"])
        #expect(!settings.allowLoopbackTargetsForTests)
        settings.allowLoopbackTargetsForTests = true
        let encoded = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
        #expect(!encoded.contains("allowLoopback"), "not written to a configuration either")
    }
}
