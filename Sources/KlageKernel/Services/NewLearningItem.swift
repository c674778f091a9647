import Foundation

/// What a caller gives to record a learning item; validated by
/// ``LearningService/create(_:in:by:)`` and shown to plug-ins' learning validators before it is stored.
///
/// ```swift
/// let draft = NewLearningItem(title: "Plans are handed over late", insight: "Citizens wait between departments.",
///                             department: "Træningscenter", tags: ["handover"])
/// ```
public struct NewLearningItem: Sendable, Hashable {
    public var title: String
    public var insight: String
    /// The complaint the item was learned from, if any.
    public var complaintId: ComplaintID?
    /// The department the item concerns; plug-ins may insist that it is one they know.
    public var department: String?
    public var tags: [String]

    public init(title: String, insight: String, complaintId: ComplaintID? = nil, department: String? = nil, tags: [String] = []) {
        self.title = title
        self.insight = insight
        self.complaintId = complaintId
        self.department = department
        self.tags = tags
    }
}

extension NewLearningItem: Decodable {
    private static let blank = NewLearningItem(title: "", insight: "")

    /// What was learned, as `complaint.act` takes it in `learning`: the item without the complaint, which
    /// the action's complaint is.
    public static let lesson = DraftFields(
        blank,
        [
            DraftField(\.title, "title", .text(max: 200)),
            DraftField(\.insight, "insight", .text(max: 10_000)),
            DraftField(\.department, "department", .text(max: 100)),
            DraftField(\.tags, "tags", .list(.text(max: 50), max: 20), default: []),
        ])

    /// `learning.create`'s params: what was learned, and optionally the complaint it was learned from.
    public static let params = DraftFields(
        blank, lesson.fields.prefix(2) + [DraftField(\.complaintId, "complaintId", .text(max: 64))] + lesson.fields.dropFirst(2))

    /// Reads what was learned (``lesson``): `tags` default to none.
    public init(from decoder: any Decoder) throws {
        self = try Self.lesson.decode(from: decoder)
    }
}
