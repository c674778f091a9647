import Foundation

/// Stores plug-ins' records; every call names the plug-in and the tenant.
public protocol PluginRecordStore: Sendable {
    func insertRecord(_ record: PluginRecord, plugin: PluginID, tenant: TenantID) async throws
    /// Replaces a record if its stored version is still `expectedVersion`. - Throws: conflict when stale.
    func updateRecord(_ record: PluginRecord, expectedVersion: Int, plugin: PluginID, tenant: TenantID) async throws
    func record(kind: String, id: String, plugin: PluginID, tenant: TenantID) async throws -> PluginRecord?
    /// Records of a kind, oldest first.
    func records(kind: String, matching query: PluginRecordQuery, plugin: PluginID, tenant: TenantID) async throws -> [PluginRecord]
}
