import Foundation

/// Stores the access log.
public protocol AccessLogStore: Sendable {
    /// Appends access records (all of one tenant), durably.
    func recordAccess(_ records: [AccessRecord], tenant: TenantID) async throws
    /// Reads a complaint and records the access in one transaction; `nil` (and nothing recorded) when
    /// the complaint is not in `tenant`, or `visibility` does not show it (restricted, another department).
    func complaint(_ id: ComplaintID, tenant: TenantID, recording access: AccessRecord, visibleAs visibility: ComplaintVisibility) async throws
        -> Complaint?
    /// The reads of a complaint, oldest first.
    func accessLog(of complaint: ComplaintID, tenant: TenantID) async throws -> [AccessRecord]
}
