import Foundation
import KlageKernel
import KlageServer
import KlageStorage
import KlageTestSupport

/// Shared steps of the personal-data lifecycle tests.
enum PrivacyFixtures {
    /// The citizen whose data the tests export, erase and anonymise.
    static let citizen: JSONValue = ["name": "Karen Jensen", "phone": "+45 20 30 40 50", "email": "Karen.Jensen@Example.dk", "cpr": "010190-1234"]

    /// Creates a Copenhagen complaint for `citizen`; returns its id.
    static func create(
        _ server: TestServer, key: String, ref: String, citizen: JSONValue = citizen, track: String = "dissatisfaction",
        workflow: String = "borgerkontakt.dialogue"
    ) async throws -> String {
        var params = Fixtures.copenhagenComplaint.objectValue!
        params["externalRef"] = .string(ref)
        params["citizen"] = citizen
        params["track"] = .string(track)
        params["workflow"] = .string(workflow)
        params["description"] = "Karen Jensen, 20 30 40 50, has waited nine weeks."
        return try await server.result("complaint.create", .object(params), key: key).string("id") ?? ""
    }

    /// Calls the citizen and closes the complaint by agreement (withdrawn, with consent).
    static func closeByDialogue(_ server: TestServer, _ id: String, key: String, at clock: FixedClock) async throws {
        try await call(server, id, key: key, at: clock)
        _ = try await server.result("complaint.act", ["id": .string(id), "action": "confirmContact", "version": 2], key: key)
        _ = try await server.result(
            "complaint.act",
            ["id": .string(id), "action": "close", "version": 3, "outcome": "withdrawn", "fields": ["citizenConsent": true]], key: key)
    }

    /// Calls the citizen, then decides the appeal formally and forwards it.
    static func forwardAppeal(_ server: TestServer, _ id: String, key: String, at clock: FixedClock) async throws {
        try await call(server, id, key: key, at: clock)
        _ = try await server.result("complaint.act", ["id": .string(id), "action": "continueFormally", "version": 2, "note": "Kept"], key: key)
        _ = try await server.result(
            "complaint.act",
            [
                "id": .string(id), "action": "decide", "version": 3, "note": "Kept", "outcome": "forwarded",
                "fields": ["forwardedTo": "Ankestyrelsen"],
            ], key: key)
    }

    /// Records a phone call that reached the citizen, with personal data in its summary and agreement.
    static func call(_ server: TestServer, _ id: String, key: String, at clock: FixedClock) async throws {
        _ = try await server.result(
            "contact.record",
            [
                "complaintId": .string(id), "kind": "phone", "occurredAt": .string(Timestamp.format(clock.now())),
                "summary": "Talked with Karen Jensen", "agreement": "Karen gets the walker on Friday", "durationMinutes": 10,
            ], key: key)
    }

    /// Sets one of a tenant's settings directly in storage.
    static func set(_ key: String, _ value: JSONValue, tenant: TenantID, on server: TestServer) async throws {
        guard var stored = try await server.host.store.tenant(tenant) else { return }
        stored.settings[key] = value
        try await server.host.store.updateTenant(stored)
    }
}
