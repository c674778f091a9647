import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

/// No invented duty, over HTTP on every engine: closing by agreement owes no written confirmation unless
/// the tenant turns on `confirmationAfterAgreement`, and the confirmation carries no appeal guidance.
@Suite struct AgreementConfirmationTests {
    /// Calls the citizen back, confirms the contact and closes as withdrawn with consent; returns the closed complaint.
    static func callAndCloseByAgreement(_ server: TestServer, clock: FixedClock, tenant: String) async throws -> (key: String, closed: JSONValue) {
        let (key, id) = try await ContactTimingTests.copenhagenComplaint(server, tenant: tenant)
        clock.advance(by: 1800)
        _ = try await server.result("contact.record", ContactTimingTests.call(id, at: clock.now()), key: key)
        let confirmed = try await server.result("complaint.act", ["id": .string(id), "action": "confirmContact", "version": 2], key: key)
        let closed = try await server.result(
            "complaint.act",
            [
                "id": .string(id), "action": "close", "version": confirmed["version"] ?? 0, "outcome": "withdrawn",
                "fields": ["citizenConsent": true],
            ], key: key)
        return (key, closed)
    }

    @Test(arguments: StorageBackend.available)
    func closingByAgreementOwesNoConfirmationAndEscalatesNothingByDefault(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let (key, closed) = try await Self.callAndCloseByAgreement(server, clock: clock, tenant: "kobenhavn")
            let id = try #require(closed.string("id"))
            #expect(closed.string("state") == "closed")
            #expect(closed["deadlines"]?.arrayValue?.contains { $0.string("name") == "writtenConfirmation" } == false)
            clock.advance(by: 30 * 86_400)
            try await server.host.services.complaints.checkDeadlines()
            let types = try await ContactTimingTests.journeyTypes(server, id, key: key)
            #expect(!types.contains("complaint.confirmationOwed"))
            #expect(!types.contains("deadline.missed"))
            #expect(!types.contains("deadline.escalated"))
        }
    }

    @Test(arguments: StorageBackend.available)
    func aTenantThatConfirmsAgreementsOwesTheLetterAndADigitalPostLetterMeetsIt(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let refused = try await server.call(
                "tenant.create",
                ["id": "nowhere", "name": "Nowhere", "plugins": ["borgerkontakt"], "settings": ["confirmationAfterAgreement": "yes"]],
                key: server.operatorKey)
            #expect(refused["error"]?["data"]?["field"] == "settings.confirmationAfterAgreement")
            try await Self.createConfirmingTenant(server)
            let (key, closed) = try await Self.callAndCloseByAgreement(server, clock: clock, tenant: "furesoe")
            let id = try #require(closed.string("id"))
            #expect(closed["deadlines"]?.arrayValue?.contains { $0.string("name") == "writtenConfirmation" && $0["metAt"] == nil } == true)
            let events = try await server.result("complaint.journey", ["id": .string(id)], key: key)["events"]?.arrayValue ?? []
            let owed = try #require(events.first { $0.string("type") == "complaint.confirmationOwed" })
            #expect(owed.string("summary")?.contains("appeal") == false, "appeal guidance belongs to decisions")

            clock.advance(by: 3600)
            _ = try await server.result("contact.record", ContactTimingTests.call(id, at: clock.now(), kind: "digital_post"), key: key)
            let after = try await server.result("complaint.get", ["id": .string(id)], key: key)
            let confirmation = try #require(after["deadlines"]?.arrayValue?.first { $0.string("name") == "writtenConfirmation" })
            #expect(confirmation.string("metAt") == Timestamp.format(clock.now()))
            #expect(confirmation["missed"] == false)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aMissedConfirmationEscalatesOnlyWhereTheTenantTurnedItOn(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            try await Self.createConfirmingTenant(server)
            let (key, closed) = try await Self.callAndCloseByAgreement(server, clock: clock, tenant: "furesoe")
            let id = try #require(closed.string("id"))
            clock.advance(by: 14 * 86_400)
            try await server.host.services.complaints.checkDeadlines()
            let types = try await ContactTimingTests.journeyTypes(server, id, key: key)
            #expect(types.contains("deadline.missed"))
            #expect(types.contains("deadline.escalated"))
        }
    }

    /// Furesø, a tenant that sends a written confirmation after closing by agreement.
    static func createConfirmingTenant(_ server: TestServer) async throws {
        _ = try await server.result(
            "tenant.create",
            ["id": "furesoe", "name": "Furesø Kommune", "plugins": ["borgerkontakt"], "settings": ["confirmationAfterAgreement": true]],
            key: server.operatorKey)
    }
}
