public import KlageKernel

/// How a report splits its figures.
public enum ReportGrouping: String, Sendable, Hashable, Codable, CaseIterable {
    /// One group: the whole tenant (or the one department asked for).
    case none
    case department, workflow, channel, track

    /// The family of stored cells this grouping reads: departments are in every cell's key.
    public var family: String {
        switch self {
        case .none, .department: "all"
        case .workflow, .channel, .track: rawValue
        }
    }

    /// The group a complaint of `department` with `value` in this grouping's family falls in (empty for `.none`).
    func group(department: String, value: String) -> String {
        switch self {
        case .none: ""
        case .department: department
        case .workflow, .channel, .track: value
        }
    }

    /// The families stored for each day.
    public static let families = ["all", "workflow", "channel", "track"]

    /// The value of `complaint` in `family`.
    public static func value(of complaint: Complaint, in family: String) -> String {
        value(in: family, workflow: complaint.workflow.rawValue, channel: complaint.channel.rawValue, track: complaint.track.rawValue)
    }

    /// The value in `family` of a complaint with this workflow, channel and track; empty for `all`.
    static func value(in family: String, workflow: String, channel: String, track: String) -> String {
        switch family {
        case "workflow": workflow
        case "channel": channel
        case "track": track
        default: ""
        }
    }
}

/// Where a report adds a stored cell: the index of its period (0 but in a series) and its group's name.
public struct ReportCellGroup: Sendable, Hashable {
    public let period: Int
    public let group: String

    public init(period: Int, group: String) {
        self.period = period
        self.group = group
    }
}

/// One stored cell's key: a day, a department (empty for none), a family and its value.
public struct ReportCellKey: Sendable, Hashable {
    public let department: String
    public let family: String
    public let value: String

    public init(department: String, family: String, value: String) {
        self.department = department
        self.family = family
        self.value = value
    }
}

extension ReportCell {
    /// The cells of `facts`, one per department and family value, for every family.
    public static func cells(of facts: [ComplaintFacts]) -> [ReportCellKey: ReportCell] {
        var cells: [ReportCellKey: ReportCell] = [:]
        for fact in facts {
            for family in ReportGrouping.families {
                let key = ReportCellKey(
                    department: fact.complaint.department ?? "", family: family, value: ReportGrouping.value(of: fact.complaint, in: family))
                cells[key, default: ReportCell()].add(fact)
            }
        }
        return cells
    }
}
