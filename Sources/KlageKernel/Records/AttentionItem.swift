public import Foundation

/// What kind of trouble an ``AttentionItem`` reports.
///
/// The kernel reports complaint clocks (``dueSoon``, ``missed``); plug-ins declare their own kinds,
/// prefixed by their id, e.g. `AttentionKind("borgerkontakt.taskOverdue")`.
public struct AttentionKind: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    /// A complaint's clock whose warn point has passed; it is still running and not yet due.
    public static let dueSoon: AttentionKind = "deadline.dueSoon"
    /// A complaint's clock still running past its due time (whether or not the scheduler has recorded the miss yet).
    public static let missed: AttentionKind = "deadline.missed"
}

/// A plug-in record an ``AttentionItem`` concerns: an agreed task, an improvement action.
public struct AttentionRecordRef: Sendable, Hashable, Encodable {
    public let plugin: PluginID
    public let kind: String
    public let id: String

    public init(plugin: PluginID, kind: String, id: String) {
        self.plugin = plugin
        self.kind = kind
        self.id = id
    }
}

/// One thing a leader or caseworker should look at now: a clock at risk or missed, an overdue task.
///
/// Items carry no citizen personal data (no name, phone, e-mail, CPR, and not the complaint's subject
/// or description, which may hold some), so listing them is not a read of personal data and is not
/// access-logged. The title says what is due, e.g. the deadline's title "Call the citizen back".
///
/// Encodes as `attention.list` shows it.
public struct AttentionItem: Sendable, Hashable, Encodable {
    public let kind: AttentionKind
    /// When it is (or was) due.
    public let dueAt: Date
    /// What is due, in each language, in words free of personal data.
    public let titles: LocalizedText
    /// What is due, in English, as integrations have always read it.
    public var title: String { titles.en }
    /// The complaint it concerns, if any.
    public let complaintId: ComplaintID?
    /// The deadline's name, for complaint clocks (e.g. `firstContact`).
    public let deadline: String?
    /// The plug-in record it concerns, if any.
    public let record: AttentionRecordRef?
    /// The department, when known.
    public let department: String?

    public init(
        kind: AttentionKind, dueAt: Date, title: LocalizedText, complaintId: ComplaintID? = nil, deadline: String? = nil,
        record: AttentionRecordRef? = nil, department: String? = nil
    ) {
        self.kind = kind
        self.dueAt = dueAt
        self.titles = title
        self.complaintId = complaintId
        self.deadline = deadline
        self.record = record
        self.department = department
    }

    private enum CodingKeys: String, CodingKey {
        case kind, dueAt, title, titles, complaintId, deadline, record, department
    }

    /// Encodes the English `title` integrations read, beside `titles` in each language.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(dueAt, forKey: .dueAt)
        try container.encode(title, forKey: .title)
        try container.encode(titles, forKey: .titles)
        try container.encodeIfPresent(complaintId, forKey: .complaintId)
        try container.encodeIfPresent(deadline, forKey: .deadline)
        try container.encodeIfPresent(record, forKey: .record)
        try container.encodeIfPresent(department, forKey: .department)
    }
}

/// What an attention list is asked for: at most `limit` items, optionally of one department.
///
/// Plug-ins' attention sources get it so they need not return more than will be shown; the kernel
/// filters and cuts the merged list again, so a source may ignore it.
public struct AttentionQuery: Sendable, Hashable {
    public var department: String?
    public var limit: Int

    public init(department: String? = nil, limit: Int = 50) {
        self.department = department
        self.limit = limit
    }
}

extension Deadline {
    /// Whether this clock needs attention at `now`, and why: ``AttentionKind/missed`` when it still
    /// runs at or past its due time, ``AttentionKind/dueSoon`` when it runs past its warn point;
    /// `nil` when it is met, stopped, paused, or not yet at risk.
    ///
    /// "Missed" does not wait for the scheduler to record the miss: a running clock past due is
    /// missed as soon as it is past due, and stays on the list until it is met or stopped.
    public func attention(at now: Date) -> AttentionKind? {
        guard isRunning else { return nil }
        if now >= dueAt { return .missed }
        if let warnAt, now >= warnAt { return .dueSoon }
        return nil
    }
}
