public import Foundation

/// One anonymous answer to the periodic staff pulse: how satisfied a member of a department is with
/// how complaints are handled. It records no person, only the department and the score, and is
/// reported only for groups of at least ``minimumGroup`` answers.
public struct StaffPulse: Sendable, Hashable, Codable {
    /// The smallest group whose answers a report shows.
    public static let minimumGroup = 5

    public let id: PulseID
    public let tenant: TenantID
    public let department: String
    /// 1 (poor) to 5 (very good).
    public let score: Int
    /// When it was given, truncated to the day, so the time cannot point to a person.
    public let day: Date

    public init(id: PulseID, tenant: TenantID, department: String, score: Int, day: Date) {
        self.id = id
        self.tenant = tenant
        self.department = department
        self.score = score
        self.day = day
    }
}

/// A staff pulse answer's id.
public typealias PulseID = Identifier<StaffPulse>
