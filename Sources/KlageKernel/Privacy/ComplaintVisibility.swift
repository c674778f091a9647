/// Which of a tenant's complaints an actor may see: need to know.
///
/// - A **person** signed in as caseworker or leader sees the complaints of their departments (from
///   their groups, ``Person/departments``) and those not given a department yet, the intake that
///   someone must route. The tenant setting ``wholeTenant`` (`needToKnow.wholeTenant`) widens it to
///   every complaint.
/// - An **admin** sees every complaint; so do keys, which are for machines and the break-glass switch
///   (``Principal/departments`` is `nil` for them).
/// - A complaint whose processing is restricted (GDPR art. 18) is shown to admins only.
///
/// A complaint the actor may not see is "not found" to them at every door (`complaint.get`, the
/// lists, the journey, every change), and no read of it is logged.
public struct ComplaintVisibility: Sendable, Hashable {
    /// Whether restricted complaints are shown.
    public let includingRestricted: Bool
    /// The departments whose complaints are shown, besides those with no department; `nil` shows all.
    public let departments: Set<String>?

    public init(includingRestricted: Bool, departments: Set<String>?) {
        self.includingRestricted = includingRestricted
        self.departments = departments
    }

    /// What `actor` sees in `tenant`; without an actor (the host's own work), every unrestricted complaint.
    public init(_ actor: Principal?, in tenant: Tenant) {
        let limited = actor.flatMap(\.departments).flatMap { departments in
            Self.wholeTenant.value(in: tenant.settings) ? nil : Set(departments)
        }
        self.init(includingRestricted: actor?.role == .admin, departments: actor?.role == .admin ? nil : limited)
    }

    /// Whether `complaint` is shown.
    public func shows(_ complaint: Complaint) -> Bool {
        (includingRestricted || complaint.restrictedAt == nil) && showsDepartment(of: complaint)
    }

    /// Whether `complaint`'s department is shown (restriction aside).
    public func showsDepartment(of complaint: Complaint) -> Bool {
        guard let departments, let department = complaint.department else { return true }
        return departments.contains(department)
    }

    /// Whether caseworkers and leaders signed in as persons see every complaint of the tenant, not only
    /// their departments' (`needToKnow.wholeTenant`, off by default).
    public static let wholeTenant = FlagSetting("needToKnow.wholeTenant", default: false)
}
