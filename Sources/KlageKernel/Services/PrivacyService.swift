public import Foundation

/// The personal-data lifecycle of GDPR: the data subject's export (art. 15), erasure or restriction
/// (art. 17, 17(3)(b), 18), and the tenant's retention schedule run by the scheduler.
///
/// Nothing here logs or returns personal data except the export itself, which is access-logged.
public struct PrivacyService: Sendable {
    let env: ServiceEnvironment

    public init(_ env: ServiceEnvironment) {
        self.env = env
    }

    /// Everything about one citizen in `tenant`: each of their complaints with its contacts, journey,
    /// effort, survey, plug-in records and the access log. The export is itself recorded as a read of
    /// every complaint in it (purpose `privacy.export`), before the access log is gathered.
    public func export(_ citizen: CitizenMatch, in tenant: Tenant, by actor: Principal) async throws -> [ComplaintDossier] {
        let complaints = try await env.store.complaints(of: citizen, tenant: tenant.id)
        try await ComplaintService(env).logAccess(to: complaints.map(\.id), in: tenant, by: actor, purpose: "privacy.export")
        var dossiers: [ComplaintDossier] = []
        for complaint in complaints { dossiers.append(try await env.store.dossier(of: complaint)) }
        return dossiers
    }

    /// Erases a citizen's complaints: anonymises each that may go now, and restricts each that is open or
    /// must be kept (``ErasureResult`` says which and why).
    public func erase(_ citizen: CitizenMatch, in tenant: Tenant, by actor: Principal) async throws -> ErasureResult {
        let now = env.clock.now()
        var items: [ErasureResult.Item] = []
        for complaint in try await env.store.complaints(of: citizen, tenant: tenant.id) {
            if complaint.anonymisedAt != nil {
                items.append(.init(complaintId: complaint.id, action: .alreadyAnonymised, reason: "its personal data was anonymised before"))
            } else if let block = ErasureBlock.of(complaint) {
                let event = env.event(
                    .processingRestricted, complaint: complaint.id, tenant: tenant.id, actor: actor, at: now,
                    summary: "Processing restricted at the citizen's request", data: ["reason": .string(block.code)])
                let restricted = try await env.store.restrictComplaint(complaint.id, tenant: tenant.id, at: now, event: event)
                items.append(.init(complaintId: complaint.id, action: restricted ? .restricted : .alreadyRestricted, reason: block.reason))
            } else {
                _ = try await anonymise(complaint.id, in: tenant.id, by: actor, at: now, because: "erasure")
                items.append(
                    .init(complaintId: complaint.id, action: .anonymised, reason: "closed by dialogue and under no duty to keep records"))
            }
        }
        return ErasureResult(matchedBy: citizen.kind, complaints: items)
    }

    /// What one retention run did in one tenant.
    public struct RetentionRun: Sendable, Hashable {
        public let tenant: TenantID
        public let anonymised: Int
        public let accessRecordsDeleted: Int
    }

    /// Applies every tenant's retention schedule at `now`: anonymises complaints closed more than
    /// `retention.anonymiseMonthsAfterClosing` months ago, and deletes access records older than
    /// `retention.accessLogMonths` months. Safe in several instances: anonymising twice changes nothing.
    /// - Returns: the tenants where something was done.
    @discardableResult
    public func applyRetention(limit: Int = 500) async throws -> [RetentionRun] {
        let now = env.clock.now()
        var runs: [RetentionRun] = []
        for tenant in try await env.store.allTenants() {
            var anonymised = 0
            var deleted = 0
            let months = TenantSettings.value(TenantSettings.anonymiseMonthsAfterClosing, in: tenant.settings)
            if months > 0 {
                let system = Principal.system(tenant: tenant.id)
                for id in try await env.store.complaintsToAnonymise(tenant: tenant.id, closedBefore: Self.monthsBefore(now, months), limit: limit)
                where try await anonymise(id, in: tenant.id, by: system, at: now, because: "retention") {
                    anonymised += 1
                }
            }
            let logMonths = TenantSettings.value(TenantSettings.accessLogMonths, in: tenant.settings)
            if logMonths > 0 {
                deleted = try await env.store.deleteAccessRecords(tenant: tenant.id, before: Self.monthsBefore(now, logMonths))
            }
            if anonymised > 0 || deleted > 0 { runs.append(RetentionRun(tenant: tenant.id, anonymised: anonymised, accessRecordsDeleted: deleted)) }
        }
        return runs
    }

    private func anonymise(_ id: ComplaintID, in tenant: TenantID, by actor: Principal, at now: Date, because by: String) async throws -> Bool {
        let event = env.event(
            .personalDataAnonymised, complaint: id, tenant: tenant, actor: actor, at: now,
            summary: by == "retention"
                ? "Personal data anonymised at the end of the retention period" : "Personal data erased at the citizen's request",
            data: ["by": .string(by)])
        return try await env.store.anonymiseComplaint(id, tenant: tenant, at: now, event: event)
    }

    /// `months` calendar months before `date` (Copenhagen's calendar).
    static func monthsBefore(_ date: Date, _ months: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Copenhagen") ?? .gmt
        return calendar.date(byAdding: .month, value: -months, to: date) ?? date
    }
}
