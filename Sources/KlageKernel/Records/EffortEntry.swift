public import Foundation

/// Staff time spent on a complaint outside a recorded contact: reading the case, talking to a colleague,
/// writing the decision. With contacts' `durationMinutes`, the evidence of time saved per complaint.
public struct EffortEntry: Sendable, Hashable, Codable {
    public let id: EffortID
    @NotEncoded public private(set) var tenant: TenantID
    public let complaintId: ComplaintID
    /// Whole minutes, 1 to 1,440.
    public let minutes: Int
    /// What the time went to, e.g. "read the case file"; free of personal data is the caller's care.
    public let activity: String?
    /// The id of the key that recorded it.
    public let recordedBy: String
    /// When the work was done.
    public let at: Date
    public let createdAt: Date

    public init(
        id: EffortID, tenant: TenantID, complaintId: ComplaintID, minutes: Int, activity: String?, recordedBy: String, at: Date,
        createdAt: Date
    ) {
        self.id = id
        self.tenant = tenant
        self.complaintId = complaintId
        self.minutes = minutes
        self.activity = activity
        self.recordedBy = recordedBy
        self.at = at
        self.createdAt = createdAt
    }
}

/// An effort entry's id.
public typealias EffortID = Identifier<EffortEntry>
