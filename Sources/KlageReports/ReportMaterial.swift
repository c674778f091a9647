import Foundation
import KlageKernel

/// What a report reads for its periods (one, but for a series), once: the stored cells of one family
/// added up per period and group as they were read, and the open complaints, learning items and staff
/// pulse answers of each period.
struct ReportMaterial: Sendable {
    /// The starts of the periods, ascending; the last runs to the end of the report.
    let starts: [Date]
    let groupBy: ReportGrouping
    /// The start days of the periods, for placing a cell by the first day it covers.
    private let startDays: [Int]
    var cells: [ReportCellGroup: ReportCell] = [:]
    private(set) var open: [[OpenComplaint]]
    /// Appeals forwarded in each period, placed by the time forwarded.
    private(set) var forwarded: [[OpenComplaint]]
    private(set) var learning: [[LearningFact]]
    private(set) var pulses: [[StaffPulse]]

    init(starts: [Date], groupBy: ReportGrouping) {
        self.starts = starts
        self.groupBy = groupBy
        startDays = starts.map(ReportDay.of)
        open = Array(repeating: [], count: starts.count)
        forwarded = Array(repeating: [], count: starts.count)
        learning = Array(repeating: [], count: starts.count)
        pulses = Array(repeating: [], count: starts.count)
    }

    /// Where a cell first covering `day` with `key` is added.
    func group(day: Int, key: ReportCellKey) -> ReportCellGroup {
        ReportCellGroup(period: Self.period(of: day, in: startDays), group: groupBy.group(department: key.department, value: key.value))
    }

    /// Adds cells already added up by group.
    mutating func add(_ groups: [ReportCellGroup: ReportCell]) {
        for (group, cell) in groups { cells[group, default: ReportCell()].merge(cell) }
    }

    /// Places the open complaints, learning items, forwarded appeals and pulse answers in their periods.
    mutating func add(open: [OpenComplaint], learning: [LearningFact], forwarded: [OpenComplaint], pulses: [StaffPulse]) {
        for complaint in open { self.open[Self.period(of: complaint.receivedAt, in: starts)].append(complaint) }
        for appeal in forwarded { self.forwarded[Self.period(of: appeal.receivedAt, in: starts)].append(appeal) }
        for item in learning { self.learning[Self.period(of: item.createdAt, in: starts)].append(item) }
        for pulse in pulses { self.pulses[Self.period(of: pulse.day, in: starts)].append(pulse) }
    }

    /// The last period starting at or before `value`; anything before the first belongs to it.
    static func period<Value: Comparable>(of value: Value, in bounds: [Value]) -> Int {
        var low = 0
        var high = bounds.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if bounds[middle] <= value { low = middle } else { high = middle }
        }
        return low
    }

    /// The figures of one period per group (one entry for `.none`), the backlog aged at `now`.
    func figures(period: Int, now: Date) -> [EvidenceFigures] {
        let family = groupBy.family
        var merged: [String: ReportCell] = [:]
        for (key, cell) in cells where key.period == period { merged[key.group] = cell }
        var backlog: [String: Histogram] = [:]
        for complaint in open[period] {
            backlog[groupBy.group(department: complaint.department, value: complaint.value(in: family)), default: Histogram()]
                .add(seconds: now.timeIntervalSince(complaint.receivedAt))
        }
        var forwardedByGroup: [String: Int] = [:]
        for appeal in forwarded[period] {
            forwardedByGroup[groupBy.group(department: appeal.department, value: appeal.value(in: family)), default: 0] += 1
        }
        // Learning items and pulses belong to departments, not to workflows, channels or tracks.
        let byDepartment = groupBy == .department
        let learningByGroup = Dictionary(grouping: learning[period]) { byDepartment ? $0.department : "" }
        let pulsesByGroup = Dictionary(grouping: pulses[period]) { byDepartment ? $0.department : "" }
        var groups = Set(merged.keys).union(backlog.keys).union(forwardedByGroup.keys)
        if byDepartment || groupBy == .none { groups.formUnion(learningByGroup.keys.filter { !$0.isEmpty || !byDepartment }) }
        if byDepartment { groups.formUnion(pulsesByGroup.keys) }
        if groupBy == .none { groups.insert("") }
        let shared = groupBy == .none || byDepartment
        return groups.sorted().map { name in
            EvidenceFigures(
                group: groupBy == .none ? nil : name, cell: merged[name] ?? ReportCell(), backlog: backlog[name] ?? Histogram(),
                forwarded: forwardedByGroup[name] ?? 0,
                pulses: shared ? (pulsesByGroup[name] ?? []).map(\.score) : [], learning: shared ? learningByGroup[name] ?? [] : [])
        }
    }
}
