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
    private enum CodingKeys: String, CodingKey {
        case title, insight, complaintId, department, tags
    }

    /// Reads a draft as `learning.create` takes it: `tags` default to none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            title: try container.decode(String.self, forKey: .title),
            insight: try container.decode(String.self, forKey: .insight),
            complaintId: try container.decodeIfPresent(ComplaintID.self, forKey: .complaintId),
            department: try container.decodeIfPresent(String.self, forKey: .department),
            tags: try container.decodeIfPresent([String].self, forKey: .tags) ?? []
        )
    }
}
