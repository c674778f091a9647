public import Foundation
public import KlageKernel

/// What reports read: figures materialised per day, and the live facts they are computed from.
///
/// Every write that changes a complaint's figures (the complaint, its contacts, effort, survey) marks
/// the day it was received as changed, in the same transaction; a report recomputes changed days
/// before it reads them.
public protocol ReportStore: Sendable {
    /// The facts of the complaints `tenant` received in `[from, to)`.
    func complaintFacts(tenant: TenantID, receivedFrom from: Date, to: Date) async throws -> [ComplaintFacts]
    /// The stored cells of `family` for `days`, optionally of one department, added up in the groups
    /// `group` names for each cell (given the first day it covers and its key) as they are read; and the
    /// days in the range that are changed or not computed yet (their cells are not added). With
    /// `months`, a whole calendar month that is rolled up and has no stale day is read as one cell per
    /// department and value, its day the month's first.
    func reportCells(
        tenant: TenantID, family: String, days: Range<Int>, department: String?, months: Bool,
        group: @escaping @Sendable (_ day: Int, _ key: ReportCellKey) -> ReportCellGroup
    ) async throws -> StoredReportCells
    /// Rolls up the cells of every whole month in `days` that is not rolled up yet and whose days are
    /// all computed and unchanged; returns how many months were rolled up.
    func rollUpReportMonths(tenant: TenantID, days: Range<Int>) async throws -> Int
    /// Replaces the cells of each day in `days` with those computed from the facts read in the same
    /// transaction, and clears the days' change marks; returns the cells of `family`.
    func refreshReportDays(tenant: TenantID, days: [Int], family: String, department: String?) async throws
        -> [(day: Int, key: ReportCellKey, cell: ReportCell)]
    /// The days of `days` that are changed or not computed yet.
    func staleReportDays(tenant: TenantID, days: Range<Int>) async throws -> [Int]
    /// Days of `tenant` with changes since their cells were computed, oldest first, at most `limit`.
    func changedReportDays(tenant: TenantID, limit: Int) async throws -> [Int]
    /// The open complaints `tenant` received in `[from, to)`: their group values and receipt time (the backlog).
    func openComplaints(tenant: TenantID, receivedFrom from: Date, to: Date, department: String?) async throws -> [OpenComplaint]
    /// The appeals forwarded to the appeals board in `[from, to)`, whenever they were received: their
    /// group values and the time forwarded (`at`).
    func forwardedAppeals(tenant: TenantID, forwardedFrom from: Date, to: Date, department: String?) async throws -> [OpenComplaint]
    /// The learning items created in `[from, to)`, optionally of one department.
    func learningFacts(tenant: TenantID, createdFrom from: Date, to: Date, department: String?) async throws -> [LearningFact]
    /// The staff pulse answers given in `[from, to)`.
    func pulses(tenant: TenantID, from: Date, to: Date, department: String?) async throws -> [StaffPulse]
}

/// The stored cells a report reads, added up by group (see ``ReportStore/reportCells(tenant:family:days:department:months:group:)``).
public struct StoredReportCells: Sendable {
    /// The sum of the cells of each group.
    public var cells: [ReportCellGroup: ReportCell]
    /// Days changed or never computed; their cells are not in ``cells``.
    public var stale: [Int]
    /// Whole months read day by day although all their days are fresh: worth rolling up.
    public var monthsToRollUp: Int

    public init(cells: [ReportCellGroup: ReportCell], stale: [Int], monthsToRollUp: Int) {
        self.cells = cells
        self.stale = stale
        self.monthsToRollUp = monthsToRollUp
    }
}

/// A complaint's group values and one time of it: an open complaint as the backlog figures see it
/// (the time it was received), or an appeal as the forwarded figure sees it (the time it was forwarded).
public struct OpenComplaint: Sendable, Hashable {
    public let department: String
    public let workflow: String
    public let channel: String
    public let track: String
    public let receivedAt: Date

    public init(department: String, workflow: String, channel: String, track: String, receivedAt: Date) {
        self.department = department
        self.workflow = workflow
        self.channel = channel
        self.track = track
        self.receivedAt = receivedAt
    }

    /// Its value in a cell family (``ReportGrouping/family``).
    public func value(in family: String) -> String {
        ReportGrouping.value(in: family, workflow: workflow, channel: channel, track: track)
    }
}

/// A learning item as the learning figures see it.
public struct LearningFact: Sendable, Hashable {
    public let department: String
    public let state: StateID
    public let createdAt: Date
    public let updatedAt: Date

    public init(department: String, state: StateID, createdAt: Date, updatedAt: Date) {
        self.department = department
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
