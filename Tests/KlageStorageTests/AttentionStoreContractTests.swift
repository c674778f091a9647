import Foundation
import KlageKernel
import KlageStorage
import KlageTestSupport
import Testing

/// The attention query every storage engine answers alike: complaints whose running clocks are at
/// risk or missed, scoped by tenant, earliest due first.
@Suite struct AttentionStoreContractTests {
    let registry = try! {
        var builder = PluginRegistryBuilder()
        builder.register(TestPlugin())
        return try builder.build()
    }()

    @Test(arguments: StorageBackend.available)
    func complaintsAtRiskOrMissedAreFoundByTenantDepartmentAndDueTime(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            let clock = FixedClock(Fixtures.monday)
            let env = Fixtures.environment(store, registry: registry, clock: clock)
            let complaints = ComplaintService(env)
            let tenant = Fixtures.tenant()
            let other = Fixtures.tenant("gladsaxe")
            try await store.insertTenant(tenant)
            try await store.insertTenant(other)
            let actor = Fixtures.caseworker(tenant.id)
            let t0 = Fixtures.monday
            func create(after hours: Double, department: String? = nil, in owner: Tenant = tenant) async throws -> ComplaintID {
                var draft = Fixtures.draft(receivedAt: t0.addingTimeInterval(hours * 3600))
                draft.department = department
                return try await complaints.create(draft, in: owner, by: Fixtures.caseworker(owner.id)).id
            }
            func needing(at hours: Double, department: String? = nil, limit: Int = 50, tenant owner: Tenant = tenant) async throws -> [ComplaintID] {
                try await store.complaintsNeedingAttention(
                    tenant: owner.id, at: t0.addingTimeInterval(hours * 3600),
                    department: department, limit: limit
                ).map(\.id)
            }

            // Call-back clocks of 24 hours warn at 18 hours.
            clock.set(t0.addingTimeInterval(10 * 3600))
            let a = try await create(after: 0)  // warn 18h, due 24h
            let b = try await create(after: 2, department: "Hjælpemidler")  // warn 20h, due 26h
            let c = try await create(after: 10)  // warn 28h, due 34h
            let met = try await create(after: 1)  // met by a call
            let paused = try await create(after: 1)  // waiting for the citizen
            let elsewhere = try await create(after: 0, in: other)  // another tenant's
            _ = try await complaints.recordContact(
                NewContact(complaintId: met, kind: .phone, occurredAt: clock.now(), summary: "Called back"),
                in: tenant, by: actor)
            _ = try await complaints.pause(paused, version: 1, reason: "Waiting for documents", in: tenant, by: actor)

            #expect(try await needing(at: 17).isEmpty, "no warn point has passed")

            // The scheduler records A's warning (and the other tenant's): the next check moves on to the
            // due time, yet A still needs attention.
            clock.set(t0.addingTimeInterval(19 * 3600))
            #expect(try await complaints.checkDeadlines() == 2)
            #expect(try await needing(at: 19) == [a])
            // B's warn point has passed but is not recorded yet.
            #expect(try await needing(at: 21) == [a, b])
            #expect(try await needing(at: 21, department: "Hjælpemidler") == [b])
            #expect(try await needing(at: 21, limit: 1) == [a])
            #expect(try await needing(at: 21, tenant: other) == [elsewhere])

            // Past due: missed, whether or not the scheduler has recorded it.
            #expect(try await needing(at: 25) == [a, b])
            clock.set(t0.addingTimeInterval(29 * 3600))
            _ = try await complaints.checkDeadlines()
            #expect(try await needing(at: 29) == [a, b, c])
            #expect(!(try await needing(at: 29)).contains(met))
            #expect(!(try await needing(at: 29)).contains(paused))

            let clocks = try #require(try await store.complaint(a, tenant: tenant.id)).deadlines
            #expect(clocks.map { $0.attention(at: t0.addingTimeInterval(29 * 3600)) } == [.missed])
            #expect(clocks.map { $0.attention(at: t0.addingTimeInterval(20 * 3600)) } == [.dueSoon])
            #expect(clocks.map { $0.attention(at: t0.addingTimeInterval(17 * 3600)) } == [nil])
        }
    }
}
