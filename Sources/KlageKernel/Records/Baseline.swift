public import Foundation

/// A leader's figures from before Klage, for one period and department, so that before and after can
/// be compared from the first day. Every figure is optional: enter what the old records show.
public struct Baseline: Sendable, Hashable, Codable {
    @NotEncoded public private(set) var tenant: TenantID
    /// The department, or `nil` for the whole municipality.
    public let department: String?
    public let from: Date
    public let to: Date
    public var received: Int?
    public var appealsForwarded: Int?
    public var medianDaysToClose: Double?
    /// Citizens' mean satisfaction with the process, 1 to 5.
    public var satisfactionMean: Double?
    /// Where the figures come from, e.g. "ESDH extract 2024".
    public var source: String?
    public var updatedAt: Date

    public init(
        tenant: TenantID, department: String?, from: Date, to: Date, received: Int?, appealsForwarded: Int?, medianDaysToClose: Double?,
        satisfactionMean: Double?, source: String?, updatedAt: Date
    ) {
        self.tenant = tenant
        self.department = department
        self.from = from
        self.to = to
        self.received = received
        self.appealsForwarded = appealsForwarded
        self.medianDaysToClose = medianDaysToClose
        self.satisfactionMean = satisfactionMean
        self.source = source
        self.updatedAt = updatedAt
    }
}
