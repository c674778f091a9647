import Foundation

/// What a report reads for its period, once: the stored cells of one family (per day or per month,
/// each at its first day), the open complaints, learning items and staff pulse answers. A report's
/// figures are computed from it; a series splits it by its periods first.
struct ReportMaterial: Sendable {
    /// The cell family read (see ``ReportGrouping/family``).
    var family = "all"
    var cells: [(day: Int, key: ReportCellKey, cell: ReportCell)] = []
    var open: [OpenComplaint] = []
    var learning: [LearningFact] = []
    var pulses: [StaffPulse] = []

    /// The material of each period starting at `starts` (ascending; the last runs to the end): cells by
    /// the day they begin, the rest by their time.
    func split(at starts: [Date]) -> [ReportMaterial] {
        let startDays = starts.map(ReportDay.of)
        func period<Value: Comparable>(_ value: Value, in bounds: [Value]) -> Int {
            // The last period starting at or before `value`; anything before the first belongs to it.
            var low = 0
            var high = bounds.count
            while high - low > 1 {
                let middle = (low + high) / 2
                if bounds[middle] <= value { low = middle } else { high = middle }
            }
            return low
        }
        var parts = [ReportMaterial](repeating: ReportMaterial(family: family), count: starts.count)
        guard !starts.isEmpty else { return [] }
        for entry in cells { parts[period(entry.day, in: startDays)].cells.append(entry) }
        for complaint in open { parts[period(complaint.receivedAt, in: starts)].open.append(complaint) }
        for item in learning { parts[period(item.createdAt, in: starts)].learning.append(item) }
        for pulse in pulses { parts[period(pulse.day, in: starts)].pulses.append(pulse) }
        return parts
    }

    /// The figures per group of `groupBy` (one entry for `.none`), the backlog aged at `now`.
    func figures(groupBy: ReportGrouping, now: Date) -> [EvidenceFigures] {
        func group(_ department: String, _ value: String) -> String {
            switch groupBy {
            case .none: ""
            case .department: department
            case .workflow, .channel, .track: value
            }
        }
        var merged: [String: ReportCell] = [:]
        for entry in cells { merged[group(entry.key.department, entry.key.value), default: ReportCell()].merge(entry.cell) }
        var backlog: [String: Histogram] = [:]
        for complaint in open {
            backlog[group(complaint.department, complaint.value(in: family)), default: Histogram()]
                .add(seconds: now.timeIntervalSince(complaint.receivedAt))
        }
        // Learning items and pulses belong to departments, not to workflows, channels or tracks.
        let byDepartment = groupBy == .department
        let learningByGroup = Dictionary(grouping: learning) { byDepartment ? $0.department : "" }
        let pulsesByGroup = Dictionary(grouping: pulses) { byDepartment ? $0.department : "" }
        var groups = Set(merged.keys).union(backlog.keys)
        if byDepartment || groupBy == .none { groups.formUnion(learningByGroup.keys.filter { !$0.isEmpty || !byDepartment }) }
        if byDepartment { groups.formUnion(pulsesByGroup.keys) }
        if groupBy == .none { groups.insert("") }
        let shared = groupBy == .none || byDepartment
        return groups.sorted().map { name in
            EvidenceFigures(
                group: groupBy == .none ? nil : name, cell: merged[name] ?? ReportCell(), backlog: backlog[name] ?? Histogram(),
                pulses: shared ? (pulsesByGroup[name] ?? []).map(\.score) : [], learning: shared ? learningByGroup[name] ?? [] : [])
        }
    }
}
