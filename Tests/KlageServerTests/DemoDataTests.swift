import Foundation
import KlageKernel
import KlageServer
import KlageStorage
import KlageTestSupport
import Testing

/// `klage generate`'s demo data: realistic in shape, valid for the workflows, and showing the method's effect.
@Suite struct DemoDataTests {
    @Test(arguments: StorageBackend.available)
    func demoDataSpreadsOverDepartmentsAndTracksClosesValidlyAndShowsTheAdoption(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store in
            let registry = try KlagePlugins.registry()
            for (tenantID, plugin, count) in [("kobenhavn", "borgerkontakt", 2_000), ("roskilde", "roskilde", 400)] {
                let tenant = Fixtures.tenant(tenantID, plugins: [plugin])
                try await store.insertTenant(tenant)
                let demo = try DemoData(
                    DemoData.Options(
                        tenant: tenant, complaints: count, years: 2, seed: 7, adoptionAfterMonths: 12, now: Fixtures.monday, batchSize: 300),
                    registry: registry)
                try await DemoLoader(demo: demo, store: store, ahead: 2).load()
                let complaints = try await store.complaintFacts(tenant: tenant.id, receivedFrom: demo.start, to: demo.end).map(\.complaint)
                #expect(complaints.count == count)
                try checkShape(complaints, registry: registry, demo: demo)
                try await checkRecords(of: complaints, in: store, demo: demo)
            }
        }
    }

    /// Departments, tracks, closing states and outcomes, deadlines, and the adoption's effect.
    private func checkShape(_ complaints: [Complaint], registry: PluginRegistry, demo: DemoData) throws {
        let departments = Dictionary(grouping: complaints) { $0.department ?? "" }
        #expect(departments.count >= 6)
        #expect(departments[""] == nil)
        #expect(Set(complaints.map(\.track)) == Set(ComplaintTrack.allCases))
        #expect(Set(complaints.map(\.channel)).count >= 5)
        #expect(complaints.allSatisfy { $0.deadlines.contains { $0.name == "firstContact" } })
        #expect(complaints.allSatisfy { $0.citizen.name.hasPrefix("Testperson ") && $0.citizen.phone?.hasPrefix("+45 ") == true })
        let closed = complaints.filter { $0.closedAt != nil }
        #expect(closed.count > complaints.count / 2)
        #expect(closed.count < complaints.count)
        for complaint in closed {
            let definition = try #require(registry.workflow(complaint.workflow, version: complaint.workflowVersion))
            let outcome = try #require(complaint.outcome)
            #expect(definition.state(complaint.state)?.isFinal == true)
            #expect(definition.actions.contains { $0.to == complaint.state && $0.outcomes.contains(outcome) })
            if outcome.needsCitizenConsent { #expect(complaint.fields["citizenConsent"] == true) }
            if complaint.track == .appeal {
                #expect([.forwarded, .upheld, .withdrawn].contains(outcome))
                if outcome == .forwarded { #expect(complaint.fields["forwardedTo"] == "Ankestyrelsen") }
            }
        }
        let byAgreement = closed.filter { $0.outcome?.needsCitizenConsent == true }
        let noLetter = byAgreement.filter { $0.fields["wantsWrittenAnswer"] == false }
        #expect(noLetter.count * 3 > byAgreement.count && noLetter.count * 3 < byAgreement.count * 2)

        func share(_ list: [Complaint], _ holds: (Complaint) -> Bool) -> Double { Double(list.filter(holds).count) / Double(max(1, list.count)) }
        let before = closed.filter { $0.receivedAt < demo.adoption }
        let after = closed.filter { $0.receivedAt >= demo.adoption }
        let stoppedBefore = share(before) { $0.outcome?.needsCitizenConsent == true }
        let stoppedAfter = share(after) { $0.outcome?.needsCitizenConsent == true }
        #expect(stoppedAfter > stoppedBefore + 0.1, "stopped by dialogue: \(stoppedBefore) before, \(stoppedAfter) after")
        let missed = { (complaint: Complaint) in complaint.deadlines.first { $0.name == "firstContact" }?.missedAt != nil }
        #expect(share(after, missed) < share(before, missed))
        func meanHandoffs(_ list: [Complaint]) -> Double { Double(list.map(\.handoffs).reduce(0, +)) / Double(max(1, list.count)) }
        #expect(meanHandoffs(after) * 1.5 < meanHandoffs(before))
        let open = complaints.filter { $0.closedAt == nil }
        let recent = open.filter { $0.receivedAt > demo.end.addingTimeInterval(-60 * 86_400) }
        #expect(recent.count * 2 > open.count, "open complaints are mostly recent")
    }

    /// Contacts, events and staff pulses written with the complaints.
    private func checkRecords(of complaints: [Complaint], in store: SQLKlageStore, demo: DemoData) async throws {
        let tenant = demo.options.tenant.id
        var failedAttempts = 0
        for complaint in complaints.prefix(200) {
            let events = try await store.events(of: complaint.id, tenant: tenant)
            #expect(events.first?.type == .complaintReceived)
            let contacts = try await store.contacts(of: complaint.id, tenant: tenant)
            #expect(contacts.allSatisfy { $0.durationMinutes != nil && $0.occurredAt >= complaint.receivedAt })
            failedAttempts += contacts.filter(\.isFailedCallAttempt).count
            if complaint.closedAt != nil { #expect(contacts.contains { $0.isTwoWayConversation }) }
        }
        #expect(failedAttempts > 0)
        let pulses = try await store.pulses(tenant: tenant, from: demo.start, to: demo.end, department: nil)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Copenhagen") ?? .gmt
        let perGroup = Dictionary(grouping: pulses) { pulse in
            "\(pulse.department) \(calendar.component(.year, from: pulse.day))-\(calendar.component(.month, from: pulse.day))"
        }
        #expect(perGroup.count >= 7 * 24)
        #expect(perGroup.values.allSatisfy { $0.count >= StaffPulse.minimumGroup })
        #expect(pulses.allSatisfy { (1...5).contains($0.score) })
    }
}
