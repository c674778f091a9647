public import Foundation

/// What the organisation learned from a complaint. Carries no personal data, so it can be shared.
///
/// Encodes as the API shows it (`learning.*`): without `tenant`, as a key reads its own tenant's records only.
public struct LearningItem: Sendable, Hashable, Codable {
    public let id: LearningItemID
    @NotEncoded public private(set) var tenant: TenantID
    public let complaintId: ComplaintID?
    public var title: String
    public var insight: String
    public var department: String?
    public var tags: [String]
    public var state: StateID
    public var version: Int
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: LearningItemID, tenant: TenantID, complaintId: ComplaintID?, title: String, insight: String,
        department: String?, tags: [String], state: StateID, version: Int = 1, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.tenant = tenant
        self.complaintId = complaintId
        self.title = title
        self.insight = insight
        self.department = department
        self.tags = tags
        self.state = state
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
