public import Foundation

/// Stores tenants. Host-level: tenants are the one record without a tenant.
public protocol TenantStore: Sendable {
    /// Inserts a tenant, and records it on the host's audit chain as done by `actor`. - Throws: conflict when the id is taken.
    func insertTenant(_ tenant: Tenant, by actor: String) async throws
    /// Replaces a tenant's name, plug-ins and settings, and records the change on the host's audit chain. - Throws: not found.
    func updateTenant(_ tenant: Tenant, by actor: String, at: Date) async throws
    /// The tenant with this id, or `nil`.
    func tenant(_ id: TenantID) async throws -> Tenant?
    /// Every tenant, sorted by id.
    func allTenants() async throws -> [Tenant]
}

/// Stores API keys by the hash of their secret.
public protocol APIKeyStore: Sendable {
    /// Inserts a key, and records its minting on the host's audit chain as done by `actor`.
    func insertKey(_ key: APIKey, by actor: String) async throws
    /// The key whose secret hashes to `hash`, revoked or not, with its tenant (in one read);
    /// `nil` when there is none.
    func key(hash: String) async throws -> (key: APIKey, tenant: Tenant?)?
    /// Revokes a key of `tenant` (any tenant's when `nil`, for operators), recorded on the host's audit
    /// chain. Returns whether one was revoked.
    func revokeKey(_ id: APIKeyID, tenant: TenantID?, at: Date, by actor: String) async throws -> Bool
    /// The keys of `tenant` (every key, host operators' included, when `nil`), oldest first.
    func keys(tenant: TenantID?) async throws -> [APIKey]
    /// Gives a live key of `tenant` (any tenant's when `nil`) the secret hashing to `hash`; its current
    /// secret stays valid until `oldValidUntil`. Returns the key as stored, or `nil` when there is no such live key.
    /// The rotation is recorded on the host's audit chain as done by `actor`.
    func rotateKey(_ id: APIKeyID, tenant: TenantID?, hash: String, oldValidUntil: Date, at: Date, by actor: String) async throws -> APIKey?
    /// Records that the key was used at `at`; written at most about once a minute per key, so a key
    /// used on every request does not write on every request.
    func recordKeyUse(_ id: APIKeyID, at: Date) async throws
}

/// Stores complaints, their contacts and their events. Every call names its tenant.
public protocol ComplaintStore: Sendable {
    /// Inserts a complaint with its first events; when `externalRef` is taken, stores nothing and
    /// returns the existing complaint with `created == false`.
    func insertComplaint(_ complaint: Complaint, events: [DomainEvent]) async throws -> (complaint: Complaint, created: Bool)
    /// The complaint with this id in `tenant`, or `nil` (also for another tenant's id).
    func complaint(_ id: ComplaintID, tenant: TenantID) async throws -> Complaint?
    /// A page of complaints, newest first.
    func complaints(tenant: TenantID, matching query: ComplaintQuery) async throws -> Page<Complaint>
    /// Replaces a complaint if its stored version is still `expectedVersion`, appending `events`.
    /// - Throws: conflict on a stale version, not found when it is gone.
    func updateComplaint(_ complaint: Complaint, expectedVersion: Int, events: [DomainEvent]) async throws
    /// Inserts a contact and its events, and when `update` is given, the complaint change it caused, in one transaction.
    func insertContact(_ contact: Contact, update: (complaint: Complaint, expectedVersion: Int)?, events: [DomainEvent]) async throws
    /// The contacts of a complaint, oldest first.
    func contacts(of complaint: ComplaintID, tenant: TenantID) async throws -> [Contact]
    /// The events of a complaint, oldest first: the journey.
    func events(of complaint: ComplaintID, tenant: TenantID) async throws -> [DomainEvent]
    /// Appends events without changing a record (plug-in notes, survey issues).
    func appendEvents(_ events: [DomainEvent], tenant: TenantID) async throws
    /// Complaints of every tenant with a clock to check at or before `now` (host-level, for the scheduler).
    /// A row that cannot be read is not returned but named in ``ClockCheckBatch/unreadable``, so one bad
    /// row does not stop the clocks of every tenant.
    func complaintsToCheck(at now: Date, limit: Int) async throws -> ClockCheckBatch
    /// Moves a complaint's next clock check to `until` (for a row the scheduler cannot read).
    func postponeClockCheck(of id: ComplaintID, tenant: TenantID, until: Date) async throws
}

/// Stores learning items.
public protocol LearningStore: Sendable {
    /// Inserts a learning item with its first events.
    func insertLearningItem(_ item: LearningItem, events: [DomainEvent]) async throws
    /// The item with this id in `tenant`, or `nil`.
    func learningItem(_ id: LearningItemID, tenant: TenantID) async throws -> LearningItem?
    /// A page of learning items, newest first.
    func learningItems(tenant: TenantID, matching query: LearningQuery) async throws -> Page<LearningItem>
    /// Replaces an item if its stored version is still `expectedVersion`, appending `events`.
    func updateLearningItem(_ item: LearningItem, expectedVersion: Int, events: [DomainEvent]) async throws
}

/// Finds what needs a leader's or caseworker's attention, one tenant at a time.
public protocol AttentionStore: Sendable {
    /// The complaints of `tenant` with at least one running clock that needs attention at `now`
    /// (``Deadline/attention(at:)``: its warn point or due time has passed), optionally of one
    /// department; at most `limit`, earliest next due time first.
    ///
    /// Answered by a query scoped by the tenant over the indexed due and check times, not by loading
    /// every complaint; a paused clock (waiting for the citizen) is not counted.
    func complaintsNeedingAttention(tenant: TenantID, at now: Date, department: String?, limit: Int) async throws -> [Complaint]
}

/// Everything Klage stores, as one port; storage engines implement it once.
public typealias KlageStore = TenantStore & APIKeyStore & ComplaintStore & LearningStore & PluginRecordStore & SurveyStore
    & AccessLogStore & AttentionStore & EvidenceStore & StaffDirectory & PrivacyStore & AuditStore

/// A page of results and the cursor for the next one (`nil` on the last page).
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    public let nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// Filters for listing complaints.
public struct ComplaintQuery: Sendable, Hashable {
    /// The order of a list of complaints.
    public enum Order: String, Sendable, Hashable, Codable, CaseIterable {
        /// Newest first (by id, which grows with time).
        case newest
        /// The nearest running deadline first, those with none last; then oldest first.
        case due
    }

    public var state: StateID?
    public var workflow: WorkflowID?
    public var department: String?
    /// When set, only complaints assigned to this id (a person's `person:<id>`, a key's id).
    public var assignee: String?
    /// When set, only complaints with a running deadline due before this instant.
    public var overdueAt: Date?
    /// When true, only complaints with a missed deadline escalated to a leader.
    public var escalated: Bool
    /// When true, only complaints not closed.
    public var open = false
    /// When set, only complaints whose words or reference match.
    public var search: SearchText?
    /// When set, only complaints received at or after this instant.
    public var receivedFrom: Date?
    /// When set, only complaints received before this instant.
    public var receivedBefore: Date?
    public var order = Order.newest
    public var limit: Int
    /// Where the page starts (exclusive), from a previous page's cursor of the same order.
    public var after: String?
    /// Which complaints the reader may see: restricted ones for admins only, and a person's departments.
    public var visibility = ComplaintVisibility(includingRestricted: false, departments: nil)

    public init(
        state: StateID? = nil, workflow: WorkflowID? = nil, department: String? = nil, overdueAt: Date? = nil,
        escalated: Bool = false, limit: Int = 50, after: String? = nil, assignee: String? = nil
    ) {
        self.assignee = assignee
        self.escalated = escalated
        self.state = state
        self.workflow = workflow
        self.department = department
        self.overdueAt = overdueAt
        self.limit = limit
        self.after = after
    }
}

/// Filters for listing learning items.
public struct LearningQuery: Sendable, Hashable {
    public var state: StateID?
    public var department: String?
    public var limit: Int
    public var after: String?

    public init(state: StateID? = nil, department: String? = nil, limit: Int = 50, after: String? = nil) {
        self.state = state
        self.department = department
        self.limit = limit
        self.after = after
    }
}

/// The complaints due for a clock check, and the ids of rows that could not be read.
public struct ClockCheckBatch: Sendable {
    public let complaints: [Complaint]
    public let unreadable: [(tenant: TenantID, id: ComplaintID)]

    public init(complaints: [Complaint], unreadable: [(tenant: TenantID, id: ComplaintID)]) {
        self.complaints = complaints
        self.unreadable = unreadable
    }
}
