import Foundation
import KlageKernel
import Testing

/// Need to know and CPR masking, as rules: who sees which complaint, and whose view of the CPR number
/// an assignment opens.
@Suite struct ComplaintVisibilityTests {
    static let at = Date(timeIntervalSince1970: 1_764_000_000)
    static let tenant = Tenant(id: "kobenhavn", name: "København", plugins: [], createdAt: at)

    static func complaint(department: String?, assignee: String? = nil, assignedBy: String? = nil, restricted: Bool = false) -> Complaint {
        Complaint(
            id: "c", tenant: tenant.id, workflowVersion: 1, state: "s",
            intake: NewComplaint(
                workflow: "w", channel: .phone, subject: "s", description: "d", citizen: Citizen(name: "Jens", cpr: "010190-1234"),
                department: department),
            receivedAt: at, createdAt: at, updatedAt: at, assignee: assignee, assignedBy: assignedBy,
            restrictedAt: restricted ? at : nil)
    }

    static func person(_ role: Role, departments: [String]) -> Principal {
        Principal(id: "person:p", tenant: tenant.id, role: role, label: "Anna", departments: departments)
    }

    @Test func aPersonSeesTheirDepartmentsAndTheIntake() {
        for role in [Role.caseworker, .leader] {
            let visibility = ComplaintVisibility(Self.person(role, departments: ["Borgerservice"]), in: Self.tenant)
            #expect(visibility.shows(Self.complaint(department: "Borgerservice")))
            #expect(visibility.shows(Self.complaint(department: nil)), "the intake, not routed yet")
            #expect(!visibility.shows(Self.complaint(department: "Teknik")))
            #expect(!visibility.shows(Self.complaint(department: "Borgerservice", restricted: true)))
        }
        let none = ComplaintVisibility(Self.person(.caseworker, departments: []), in: Self.tenant)
        #expect(!none.shows(Self.complaint(department: "Borgerservice")) && none.shows(Self.complaint(department: nil)))
    }

    @Test func adminsAndKeysSeeEveryDepartmentAndOnlyAdminsTheRestricted() {
        let admin = ComplaintVisibility(Self.person(.admin, departments: ["Borgerservice"]), in: Self.tenant)
        #expect(admin.shows(Self.complaint(department: "Teknik", restricted: true)))
        let key = ComplaintVisibility(Principal(id: "k", tenant: Self.tenant.id, role: .caseworker, label: "key"), in: Self.tenant)
        #expect(key.shows(Self.complaint(department: "Teknik")))
        #expect(!key.shows(Self.complaint(department: "Teknik", restricted: true)))
    }

    @Test func theTenantSettingWidensItToTheWholeTenant() throws {
        var tenant = Self.tenant
        tenant.settings = [ComplaintVisibility.wholeTenant.key: true]
        let visibility = ComplaintVisibility(Self.person(.caseworker, departments: ["Borgerservice"]), in: tenant)
        #expect(visibility.shows(Self.complaint(department: "Teknik")))
        #expect(throws: KlageError.self) { try TenantSettings.validate([ComplaintVisibility.wholeTenant.key: "yes"]) }
    }

    @Test func assigningOneselfRevealsNothingMaskingHides() {
        let anna = Self.person(.caseworker, departments: ["Borgerservice"])
        let selfAssigned = Self.complaint(department: "Borgerservice", assignee: anna.id, assignedBy: anna.id)
        #expect(CPRVisibility.citizen(of: selfAssigned, for: anna).cpr == "010190-****")
        let assignedByLeader = Self.complaint(department: "Borgerservice", assignee: anna.id, assignedBy: "person:leader")
        #expect(CPRVisibility.citizen(of: assignedByLeader, for: anna).cpr == "010190-1234")
        let before = Self.complaint(department: "Borgerservice", assignee: anna.id, assignedBy: nil)
        #expect(CPRVisibility.citizen(of: before, for: anna).cpr == "010190-****", "an assignment from before it was recorded")
    }
}
