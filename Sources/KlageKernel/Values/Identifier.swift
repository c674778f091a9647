import Foundation

/// A typed, opaque identifier: `Identifier<Complaint>` and `Identifier<Contact>` cannot be mixed up.
///
/// Ids are made by the application (see ``IDGenerator``) and are time-ordered strings, so sorting
/// by id sorts by creation time on both storage engines.
public struct Identifier<Subject>: RawRepresentable, Hashable, Sendable, Codable, Comparable,
    CustomStringConvertible, ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The id of a tenant (a municipality), e.g. `kobenhavn`.
public typealias TenantID = Identifier<Tenant>
/// The id of a complaint.
public typealias ComplaintID = Identifier<Complaint>
/// The id of a recorded contact with the citizen.
public typealias ContactID = Identifier<Contact>
/// The id of a learning item.
public typealias LearningItemID = Identifier<LearningItem>
/// The id of an API key (never the key itself).
public typealias APIKeyID = Identifier<APIKey>
/// The id of a domain event.
public typealias EventID = Identifier<DomainEvent>
