import Foundation
import KlageKernel
import KlageStorage
import KlageTestSupport
import Testing

/// One contract every storage engine keeps; each test runs on every available engine.
@Suite struct StoreContractTests {
    let registry = try! {
        var builder = PluginRegistryBuilder()
        builder.register(TestPlugin())
        return try builder.build()
    }()

    func services(_ store: SQLKlageStore, clock: any KlageClock = FixedClock(Fixtures.monday)) -> (ComplaintService, ServiceEnvironment) {
        let env = Fixtures.environment(store, registry: registry, clock: clock)
        return (ComplaintService(env), env)
    }

    /// A tenant with the `borgerkontakt` plug-in, stored.
    func insertedTenant(_ store: SQLKlageStore) async throws -> Tenant {
        let tenant = Fixtures.tenant()
        try await store.insertTenant(tenant)
        return tenant
    }

    @Test(arguments: StorageBackend.available)
    func migrationsAreRecordedAndRunOnce(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            #expect(try await Migrator().applied(store.driver) == Schema.migrations.map(\.id))
            #expect(try await store.migrate() == [])
        }
    }

    @Test(arguments: StorageBackend.available)
    func aDatabaseFromANewerBuildIsRefused(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await store.driver.write(tenant: nil) { connection in
                try connection.execute("INSERT INTO klage_migrations (id, name, applied_at) VALUES (\(9999), \("future"), \(0))")
            }
            let error = await #expect(throws: StorageError.self) { try await store.migrate() }
            #expect(error?.code == .migration)
        }
    }

    @Test(arguments: StorageBackend.available)
    func tenantsRoundTripAndIdsAreUnique(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            let tenant = Tenant(id: "roskilde", name: "Roskilde Kommune", plugins: ["roskilde"], settings: ["days": 5], createdAt: Fixtures.monday)
            try await store.insertTenant(tenant)
            #expect(try await store.tenant("roskilde") == tenant)
            #expect(try await store.tenant("nowhere") == nil)
            await #expect(throws: KlageError.self) { try await store.insertTenant(tenant) }
            #expect(try await store.allTenants() == [tenant])
        }
    }

    @Test(arguments: StorageBackend.available)
    func aComplaintRoundTripsWithEveryField(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            let tenant = try await insertedTenant(store)
            let (complaints, _) = services(store)
            var draft = Fixtures.draft(externalRef: "ESDH-1")
            draft.remedy = "A walker this week"
            draft.department = "Hjælpemidler"
            draft.citizen = Citizen(name: "Åse Ærø", phone: "+45 12345678", email: "aase@example.dk", cpr: "010203-1234")
            draft.fields = ["priority": "high", "nested": ["a": [1, 2.5, true, nil]]]
            let created = try await complaints.create(draft, in: tenant, by: Fixtures.caseworker(tenant.id))
            let read = try #require(try await store.complaint(created.id, tenant: tenant.id))
            #expect(read == created)
            #expect(read.citizen.cpr == "0102031234")
            #expect(read.deadlines.count == 1)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aRepeatedExternalRefReturnsTheFirstComplaintAndADifferentOneIsAConflict(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            let tenant = try await insertedTenant(store)
            let (complaints, _) = services(store)
            let first = try await complaints.create(Fixtures.draft(externalRef: "ESDH-7"), in: tenant, by: Fixtures.caseworker(tenant.id))
            let second = try await complaints.create(Fixtures.draft(externalRef: "ESDH-7"), in: tenant, by: Fixtures.caseworker(tenant.id))
            #expect(second == first)
            #expect(try await store.accessLog(of: first.id, tenant: tenant.id).map(\.purpose) == ["complaint.create (repeated)"])
            var different = Fixtures.draft(externalRef: "ESDH-7")
            different.subject = "A different subject"
            let refused = await #expect(throws: KlageError.self) {
                try await complaints.create(different, in: tenant, by: Fixtures.caseworker(tenant.id))
            }
            #expect(refused?.code == .conflict)
            #expect(try await store.complaints(tenant: tenant.id, matching: ComplaintQuery()).items.count == 1)
            #expect(try await store.events(of: first.id, tenant: tenant.id).filter { $0.type == .complaintReceived }.count == 1)
        }
    }

    @Test(arguments: StorageBackend.available)
    func aStaleVersionIsAConflictAndChangesNothing(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            let tenant = try await insertedTenant(store)
            let (complaints, _) = services(store)
            let created = try await complaints.create(Fixtures.draft(), in: tenant, by: Fixtures.caseworker(tenant.id))
            var changed = created
            changed.state = "formal"
            changed.version = 2
            try await store.updateComplaint(changed, expectedVersion: 1, events: [])
            var stale = created
            stale.state = "closed"
            stale.version = 2
            let error = await #expect(throws: KlageError.self) { try await store.updateComplaint(stale, expectedVersion: 1, events: []) }
            #expect(error?.code == .conflict)
            #expect(try await store.complaint(created.id, tenant: tenant.id)?.state == "formal")
        }
    }

    @Test(arguments: StorageBackend.available)
    func anotherTenantsIdIsNotFound(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            let kobenhavn = Fixtures.tenant("kobenhavn")
            let roskilde = Fixtures.tenant("roskilde")
            try await store.insertTenant(kobenhavn)
            try await store.insertTenant(roskilde)
            let (complaints, _) = services(store)
            let created = try await complaints.create(Fixtures.draft(externalRef: "X"), in: kobenhavn, by: Fixtures.caseworker(kobenhavn.id))
            #expect(try await store.complaint(created.id, tenant: roskilde.id) == nil)
            #expect(try await store.complaints(tenant: roskilde.id, matching: ComplaintQuery()).items.isEmpty)
            #expect(try await store.events(of: created.id, tenant: roskilde.id).isEmpty)
            // The same external reference in another tenant is another complaint.
            let other = try await complaints.create(Fixtures.draft(externalRef: "X"), in: roskilde, by: Fixtures.caseworker(roskilde.id))
            #expect(other.id != created.id)
        }
    }

    @Test(arguments: StorageBackend.available)
    func listsPageNewestFirstAndFilterOverdue(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            let tenant = try await insertedTenant(store)
            let clock = FixedClock(Fixtures.monday)
            let (complaints, _) = services(store, clock: clock)
            var made: [Complaint] = []
            for index in 0..<5 {
                made.append(try await complaints.create(Fixtures.draft(externalRef: "P-\(index)"), in: tenant, by: Fixtures.caseworker(tenant.id)))
                clock.advance(by: 3600)
            }
            let first = try await complaints.list(ComplaintQuery(limit: 2), overdue: false, in: tenant)
            #expect(first.items.map(\.id) == [made[4].id, made[3].id])
            let second = try await complaints.list(
                ComplaintQuery(limit: 2, after: try PageCursor.decode(first.nextCursor)), overdue: false, in: tenant)
            #expect(second.items.map(\.id) == [made[2].id, made[1].id])
            let last = try await complaints.list(
                ComplaintQuery(limit: 2, after: try PageCursor.decode(second.nextCursor)), overdue: false, in: tenant)
            #expect(last.items.map(\.id) == [made[0].id])
            #expect(last.nextCursor == nil)

            // 24 h after the first complaint arrived, its first-contact deadline has passed.
            clock.set(Fixtures.monday.addingTimeInterval(24 * 3600 + 60))
            #expect(try await complaints.list(ComplaintQuery(), overdue: true, in: tenant).items.map(\.id) == [made[0].id])
            _ = try await complaints.recordContact(
                NewContact(complaintId: made[0].id, kind: .phone, occurredAt: clock.now(), summary: "Called back"),
                in: tenant, by: Fixtures.caseworker(tenant.id))
            #expect(try await complaints.list(ComplaintQuery(), overdue: true, in: tenant).items.isEmpty)
        }
    }

    @Test(arguments: StorageBackend.available)
    func contactsAndTheJourneyKeepTheirOrder(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            let tenant = try await insertedTenant(store)
            let clock = FixedClock(Fixtures.monday)
            let (complaints, _) = services(store, clock: clock)
            let actor = Fixtures.caseworker(tenant.id)
            let created = try await complaints.create(Fixtures.draft(), in: tenant, by: actor)
            clock.advance(by: 600)
            _ = try await complaints.recordContact(
                NewContact(complaintId: created.id, kind: .letter, occurredAt: clock.now(), summary: "Letter"), in: tenant, by: actor)
            clock.advance(by: 600)
            _ = try await complaints.recordContact(
                NewContact(
                    complaintId: created.id, kind: .phone, occurredAt: clock.now(), summary: "Call", agreement: "We order it today",
                    durationMinutes: 25),
                in: tenant, by: actor)
            let contacts = try await complaints.contacts(of: created.id, in: tenant, by: actor)
            #expect(contacts.map(\.summary) == ["Letter", "Call"])
            #expect(contacts[1].agreement == "We order it today")
            #expect(contacts.map(\.durationMinutes) == [nil, 25])
            let journey = try await complaints.journey(created.id, in: tenant).map(\.type.rawValue)
            #expect(
                journey == [
                    "complaint.received", "complaint.stateEntered", "deadline.started", "contact.recorded", "contact.recorded", "deadline.met",
                ])
            #expect(try await store.complaint(created.id, tenant: tenant.id)?.version == 2)
        }
    }

    @Test(arguments: StorageBackend.available)
    func learningItemsRoundTripAndMoveWithVersions(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            let tenant = try await insertedTenant(store)
            let (_, env) = services(store)
            let learning = LearningService(env)
            let item = try await learning.create(
                title: "Letters are unclear", insight: "Citizens misread the decision letter.",
                complaintId: nil, department: "Borgerservice", tags: ["letters"], in: tenant,
                by: Fixtures.caseworker(tenant.id))
            #expect(try await store.learningItem(item.id, tenant: tenant.id) == item)
            let accepted = try await learning.act(item.id, action: "accept", version: 1, note: nil, in: tenant, by: Fixtures.leader(tenant.id))
            #expect(accepted.state == "accepted")
            let stale = await #expect(throws: KlageError.self) {
                try await learning.act(item.id, action: "implement", version: 1, note: nil, in: tenant, by: Fixtures.leader(tenant.id))
            }
            #expect(stale?.code == .conflict)
            #expect(try await store.learningItems(tenant: tenant.id, matching: LearningQuery(state: "accepted")).items.map(\.id) == [item.id])
        }
    }

    @Test(arguments: StorageBackend.available)
    func aPlugInMovesALearningItemOnlyForwardAndLeavesOneThatMovedPast(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            let tenant = try await insertedTenant(store)
            let (_, env) = services(store)
            let learning = LearningService(env)
            let caseworker = Fixtures.caseworker(tenant.id)
            let item = try await learning.create(
                title: "Letters are unclear", insight: "Citizens misread the decision letter.",
                complaintId: nil, department: nil, tags: [], in: tenant, by: caseworker)
            let refused = await #expect(throws: KlageError.self) {
                try await learning.advance(item.id, by: "dismiss", note: "x", plugin: "gladsaxe", in: tenant, requestedBy: caseworker)
            }
            #expect(refused?.field == "action")
            #expect(try await learning.advance(item.id, by: "implement", note: nil, plugin: "gladsaxe", in: tenant, requestedBy: caseworker) == nil)
            let accepted = try await learning.advance(item.id, by: "accept", note: nil, plugin: "gladsaxe", in: tenant, requestedBy: caseworker)
            #expect(accepted?.state == "accepted")
            #expect(accepted?.version == 2)
            #expect(try await learning.advance(item.id, by: "accept", note: nil, plugin: "gladsaxe", in: tenant, requestedBy: caseworker) == nil)
            _ = try await learning.act(item.id, action: "dismiss", version: 2, note: "Not ours", in: tenant, by: Fixtures.leader(tenant.id))
            #expect(try await learning.advance(item.id, by: "implement", note: nil, plugin: "gladsaxe", in: tenant, requestedBy: caseworker) == nil)
            #expect(try await store.learningItem(item.id, tenant: tenant.id)?.state == "dismissed")
        }
    }

    @Test(arguments: StorageBackend.available)
    func acknowledgedWritesSurviveReopening(_ backend: StorageBackend) async throws {
        let url = try backend.freshDatabaseURL()
        let tenant = Fixtures.tenant()
        let id: ComplaintID
        do {
            let store = try await openStore(url)
            try await store.insertTenant(tenant)
            id = try await services(store).0.create(Fixtures.draft(), in: tenant, by: Fixtures.caseworker(tenant.id)).id
            await store.driver.close()
        }
        let reopened = try await openStore(url)
        #expect(try await reopened.complaint(id, tenant: tenant.id)?.subject == "Waiting for a walker")
        await reopened.driver.close()
    }

    @Test(arguments: StorageBackend.available)
    func concurrentWritesAllLandExceptTheOneThatFails(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            struct Boom: Error {}
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        do {
                            try await store.driver.write(tenant: nil) { connection in
                                try connection.execute(
                                    """
                                    INSERT INTO tenants (id, name, plugins, settings, created_at) VALUES (\("t\(index)"), \("T"), \("[]"), \("{}"), \(0))
                                    """)
                                if index == 13 { throw Boom() }
                            }
                            return true
                        } catch {
                            return false
                        }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 39)
            let stored = try await store.allTenants().map(\.id.rawValue)
            #expect(stored.count == 39)
            #expect(!stored.contains("t13"), "the failed write's own insert was rolled back")
        }
    }

    /// A tenant's writes are committed together under load (group commit on both engines); a write that
    /// breaks a constraint, or throws, is undone alone and the others of its batch commit.
    @Test(arguments: StorageBackend.available)
    func aTenantsConcurrentWritesCommitTogetherAndAFailureIsUndoneAlone(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            let tenant = try await insertedTenant(store)
            struct Boom: Error {}
            let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
                for index in 0..<60 {
                    group.addTask {
                        do {
                            try await store.driver.write(tenant: tenant.id) { connection in
                                // Write 7 reuses write 6's id: the engine refuses it (a constraint, mid-transaction).
                                let id = index == 7 ? "p6" : "p\(index)"
                                try connection.execute(
                                    """
                                    INSERT INTO staff_pulses (tenant_id, id, department, score, day) VALUES (\(tenant.id.rawValue), \(id), \("Borgerservice"), \(4), \(0))
                                    """)
                                if index == 21 { throw Boom() }
                            }
                            return (index, true)
                        } catch {
                            return (index, false)
                        }
                    }
                }
                return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            #expect(outcomes[21] == false)
            #expect(outcomes.values.filter { $0 }.count == 58)
            let stored = try await store.driver.read(tenant: tenant.id) { connection in
                try connection.query("SELECT id FROM staff_pulses WHERE tenant_id = \(tenant.id.rawValue)").map { try $0.string("id") }
            }
            #expect(stored.count == 58)
            #expect(!stored.contains("p21") && !stored.contains("p7"), "the failed writes' own rows were rolled back")
            // Whichever of 6 and 7 came first committed p6; the other was refused.
            #expect(stored.contains("p6") && outcomes[6] != outcomes[7])
        }
    }

    @Test(arguments: StorageBackend.available)
    func aFailedTransactionLeavesNothingBehind(_ backend: StorageBackend) async throws {
        try await withTestStore(backend) { store throws in
            try await store.insertTenant(Fixtures.tenant())
            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await store.driver.write(tenant: nil) { connection in
                    try connection.execute("UPDATE tenants SET name = \("changed")")
                    throw Boom()
                }
            }
            #expect(try await store.tenant("kobenhavn")?.name == "Test kobenhavn")
        }
    }

    @Test(arguments: StorageBackend.available)
    func aClosedStoreRefusesWorkAndLetsGoOfItsFiles(_ backend: StorageBackend) async throws {
        let url = try backend.freshDatabaseURL()
        let store = try await openStore(url)
        _ = try await insertedTenant(store)
        let file = url.hasPrefix("sqlite:") ? String(url.dropFirst("sqlite:".count)) : nil
        if let file { #expect(Self.openDescriptors(under: file) > 0) }
        await store.driver.close()
        await #expect(throws: StorageError.self) { try await store.driver.read(tenant: nil) { try $0.query("SELECT 1 AS ok") } }
        await #expect(throws: StorageError.self) { try await store.driver.write(tenant: nil) { try $0.execute("DELETE FROM tenants") } }
        // The database file, its -wal and -shm are closed, not left open until the store is released.
        if let file { #expect(Self.openDescriptors(under: file) == 0) }
        let reopened = try await openStore(url)
        #expect(try await reopened.tenant("kobenhavn") != nil)
        await reopened.driver.close()
    }

    /// How many of this process's descriptors are open on `path` or a file named after it (`-wal`, `-shm`).
    static func openDescriptors(under path: String) -> Int {
        #if os(Linux)
            let folder = "/proc/self/fd"
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return entries.count { entry in
                ((try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + entry)) ?? "").hasPrefix(path)
            }
        #else
            // macOS: each descriptor's path, asked of the descriptor itself.
            return (0..<Int32(getdtablesize())).count { descriptor in
                var buffer = [CChar](repeating: 0, count: Int(MAXPATHLEN))
                return fcntl(descriptor, F_GETPATH, &buffer) == 0 && String(cString: buffer).hasPrefix(path)
            }
        #endif
    }
}

/// A plug-in with the dialogue workflow the fixtures use.
struct TestPlugin: KlagePlugin {
    let id: PluginID = "borgerkontakt"
    let title = "Test"
    func register(into registrar: inout PluginRegistrar) {
        registrar.workflow(
            WorkflowDefinition(
                id: "borgerkontakt.dialogue", title: .same("t"), tracks: [.dissatisfaction], initialState: "received",
                states: [
                    WorkflowState("received", title: .same("R")), WorkflowState("formal", title: .same("F")),
                    WorkflowState("closed", title: .same("C"), isFinal: true),
                ],
                actions: [
                    WorkflowAction("formal", title: .same("F"), from: ["received"], to: "formal"),
                    WorkflowAction("close", title: .same("C"), from: ["formal"], to: "closed"),
                ],
                deadlines: [DeadlineRule("firstContact", title: .same("First"), starts: .onReceipt, duration: .hours(24), metBy: .oralContact)]))
    }
}
