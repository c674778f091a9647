public import Foundation

/// A citizen's complaint: the case that a workflow moves through its states.
///
/// The complaint records which workflow (and which version of it) it runs under, so a changed
/// workflow never strands cases in flight. `version` guards every change (optimistic concurrency).
///
/// Encodes every stored property, as the API shows it; the API's view adds what is worked out at read
/// time (each deadline's `missed`, `paused`) and masks the CPR number where the viewer may not read it.
public struct Complaint: Sendable, Hashable, Codable {
    public let id: ComplaintID
    public let tenant: TenantID
    public let workflow: WorkflowID
    public let workflowVersion: Int
    public var state: StateID
    public var track: ComplaintTrack
    public var channel: Channel
    public var subject: String
    public var description: String
    /// What the citizen asks for (ISO 10002: "the remedy the citizen wants").
    public var remedy: String?
    public var citizen: Citizen
    public var department: String?
    /// The caseworker responsible now (a key id or the case system's name for them), if assigned.
    public var assignee: String?
    /// Who made the current assignment (an actor id): the assignee's CPR view depends on it (``CPRVisibility``).
    public var assignedBy: String?
    /// How many times the responsible department or caseworker changed: the hand-offs the methods cut.
    public var handoffs: Int
    /// The case system's own reference; unique per tenant, making create idempotent.
    public var externalRef: String?
    public var receivedAt: Date
    public var deadlines: [Deadline]
    public var outcome: Outcome?
    /// Plug-in fields, validated by the workflow's plug-in.
    public var fields: [String: JSONValue]
    public var version: Int
    public let createdAt: Date
    public var updatedAt: Date
    public var closedAt: Date?
    /// When a missed deadline was escalated to a leader.
    public var escalatedAt: Date?
    /// When its processing was restricted (GDPR art. 18, or art. 17(3)(b) where records must be kept):
    /// it is then shown only to admins and not processed further.
    public var restrictedAt: Date?
    /// When its personal data was anonymised (by retention or erasure); every figure the reports need is kept.
    public var anonymisedAt: Date?

    /// A complaint from what was registered (`intake`: its workflow, texts, citizen, department,
    /// reference and fields, taken as given) and what the complaint has come to since.
    public init(
        id: ComplaintID, tenant: TenantID, workflowVersion: Int, state: StateID, intake: NewComplaint, receivedAt: Date,
        deadlines: [Deadline] = [], outcome: Outcome? = nil, version: Int = 1, createdAt: Date, updatedAt: Date, closedAt: Date? = nil,
        escalatedAt: Date? = nil, assignee: String? = nil, assignedBy: String? = nil, handoffs: Int = 0, restrictedAt: Date? = nil,
        anonymisedAt: Date? = nil
    ) {
        self.id = id
        self.tenant = tenant
        self.workflow = intake.workflow
        self.workflowVersion = workflowVersion
        self.state = state
        self.track = intake.track
        self.channel = intake.channel
        self.subject = intake.subject
        self.description = intake.description
        self.remedy = intake.remedy
        self.citizen = intake.citizen
        self.department = intake.department
        self.externalRef = intake.externalRef
        self.receivedAt = receivedAt
        self.deadlines = deadlines
        self.outcome = outcome
        self.fields = intake.fields
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.closedAt = closedAt
        self.escalatedAt = escalatedAt
        self.assignee = assignee
        self.assignedBy = assignedBy
        self.handoffs = handoffs
        self.restrictedAt = restrictedAt
        self.anonymisedAt = anonymisedAt
    }

    /// The earliest due time among deadlines still running; what "overdue" queries index.
    public var nextDueAt: Date? {
        deadlines.filter(\.isRunning).map(\.dueAt).min()
    }

    /// The next instant the deadline scheduler has something to record; what it queries.
    public var nextCheckAt: Date? {
        deadlines.compactMap(\.nextCheckAt).min()
    }

    /// Whether the complaint's clocks are paused (e.g. while waiting for the citizen).
    public var isPaused: Bool {
        deadlines.contains { $0.isOpen && $0.pausedAt != nil }
    }
}
