public import Foundation

/// A municipality (or hospital) on the host. Every other record belongs to exactly one tenant.
public struct Tenant: Sendable, Hashable, Codable {
    public let id: TenantID
    public var name: String
    /// The plug-ins this tenant has enabled, by plug-in id.
    public var plugins: [String]
    /// Tenant settings, read by plug-ins (e.g. `{"firstContactHours": 24}`).
    public var settings: [String: JSONValue]
    public let createdAt: Date

    public init(id: TenantID, name: String, plugins: [String], settings: [String: JSONValue] = [:], createdAt: Date) {
        self.id = id
        self.name = name
        self.plugins = plugins
        self.settings = settings
        self.createdAt = createdAt
    }
}
