import Foundation
import KlageKernel
import KlageRPC
import KlageServer
import KlageTestSupport
import Testing

/// The track can be set right, and the citizen can withdraw at every stage, over HTTP on every engine:
/// `complaint.retrack` corrects the track with a reason on the journey, an appeal's forwarding clock then runs
/// from receipt; every workflow offers withdrawal with consent from every open state, a Copenhagen appeal
/// that continued formally included.
@Suite struct RetrackAndWithdrawalTests {
    static func retrack(_ id: String, version: Int, track: String, reason: String) -> JSONValue {
        ["id": .string(id), "version": .number(Double(version)), "track": .string(track), "reason": .string(reason)]
    }

    @Test(arguments: StorageBackend.available)
    func aCaseworkerCorrectsTheTrackAndTheAppealClockRunsFromReceipt(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let (key, id) = try await ContactTimingTests.copenhagenComplaint(server)
            clock.advance(by: 3 * 86_400)
            let noReason = try await server.call("complaint.retrack", Self.retrack(id, version: 1, track: "appeal", reason: " "), key: key)
            #expect(noReason["error"]?["code"] == -32022)
            let personal = try await server.call(
                "complaint.retrack", Self.retrack(id, version: 1, track: "appeal", reason: "Ring 12 34 56 78 om afslaget"), key: key)
            #expect(personal["error"]?["code"] == -32022)
            #expect(personal["error"]?["data"]?.string("field") == "reason")
            let integration = try await server.key("kobenhavn", .integration)
            let byIntegration = try await server.call(
                "complaint.retrack", Self.retrack(id, version: 1, track: "appeal", reason: "About a decision"), key: integration)
            #expect(byIntegration["error"]?["code"] == -32003)
            let roskilde = try await server.key("roskilde", .caseworker)
            let foreign = try await server.call(
                "complaint.retrack", Self.retrack(id, version: 1, track: "appeal", reason: "About a decision"), key: roskilde)
            #expect(foreign["error"]?["code"] == -32004)

            let appeal = try await server.result(
                "complaint.retrack", Self.retrack(id, version: 1, track: "appeal", reason: "The complaint is about a refusal of a walker"), key: key)
            #expect(appeal.string("track") == "appeal")
            let forwarding = try #require(appeal["deadlines"]?.arrayValue?.first { $0.string("name") == "appealForwarding" })
            #expect(forwarding.string("dueAt") == Timestamp.format(Fixtures.monday.addingTimeInterval(28 * 86_400)))
            let same = try await server.call("complaint.retrack", Self.retrack(id, version: 2, track: "appeal", reason: "Again"), key: key)
            #expect(same["error"]?["code"] == -32009)

            let back = try await server.result(
                "complaint.retrack", Self.retrack(id, version: 2, track: "dissatisfaction", reason: "No decision was made after all"), key: key)
            #expect(back.string("track") == "dissatisfaction")
            #expect(back["deadlines"]?.arrayValue?.contains { $0.string("name") == "appealForwarding" } == false)

            let events = try await server.result("complaint.journey", ["id": .string(id)], key: key)["events"]?.arrayValue ?? []
            let retracks = events.filter { $0.string("type") == "complaint.retracked" }
            #expect(retracks.map { $0["data"]?.string("to") } == ["appeal", "dissatisfaction"])
            #expect(retracks.first?["data"]?.string("note") == "The complaint is about a refusal of a walker")
            #expect(retracks.first?.string("actor") != nil)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aCopenhagenAppealIsWithdrawnAfterContinuingFormally(_ backend: StorageBackend) async throws {
        let clock = FixedClock(Fixtures.monday)
        try await withTestServer(backend, clock: clock) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let id = try #require(
                try await server.result("complaint.create", WrittenRouteTests.appeal("borgerkontakt.dialogue", "APP-WITHDRAW"), key: key).string("id")
            )
            clock.advance(by: 3600)
            var complaint = try await server.result(
                "complaint.act", ["id": .string(id), "action": "continueFormally", "version": 1, "note": "Reconsidering the decision"], key: key)
            #expect(complaint.string("state") == "formal")
            clock.advance(by: 5 * 86_400)
            let noConsent = try await server.call(
                "complaint.act", ["id": .string(id), "action": "withdraw", "version": complaint["version"]!, "outcome": "withdrawn"], key: key)
            #expect(noConsent["error"]?["code"] == -32022)
            complaint = try await server.result(
                "complaint.act",
                [
                    "id": .string(id), "action": "withdraw", "version": complaint["version"]!, "outcome": "withdrawn",
                    "fields": ["citizenConsent": true], "note": "The citizen withdrew the appeal by letter",
                ], key: key)
            #expect(complaint.string("state") == "closed")
            #expect(complaint.string("outcome") == "withdrawn")
            let forwarding = try #require(complaint["deadlines"]?.arrayValue?.first { $0.string("name") == "appealForwarding" })
            #expect(forwarding.string("metAt") == Timestamp.format(clock.now()))
        }
    }

    @Test(arguments: StorageBackend.available)
    func everyWorkflowOffersWithdrawalWithConsentFromEveryOpenState(_ backend: StorageBackend) async throws {
        try await withTestServer(backend) { server throws in
            var seen: Set<String> = []
            for tenant in ["kobenhavn", "roskilde", "gladsaxe"] {
                let key = try await server.key(tenant, .caseworker)
                for workflow in try await server.result("workflow.list", key: key)["items"]?.arrayValue ?? [] {
                    let id = try #require(workflow.string("id"))
                    seen.insert(id)
                    let open = (workflow["states"]?.arrayValue ?? []).filter { $0["final"] != true }.compactMap { $0.string("id") }
                    let withdraw = try #require(workflow["actions"]?.arrayValue?.first { $0.string("id") == "withdraw" }, "\(id)")
                    #expect(Set(withdraw["from"]?.arrayValue?.compactMap(\.stringValue) ?? []) == Set(open), "\(id)")
                    #expect(withdraw["outcomes"] == ["withdrawn"], "\(id)")
                    #expect(withdraw["guards"] == [], "\(id): withdrawal needs no conversation")
                }
            }
            #expect(seen.isSuperset(of: ["borgerkontakt.dialogue", "roskilde.abc"]))
        }
    }
}
