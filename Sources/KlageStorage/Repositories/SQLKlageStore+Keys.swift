public import Foundation
public import KlageKernel

/// Keys are written in host transactions: on PostgreSQL the application role may not touch `api_keys`.
/// Every change but a use is recorded on the host's audit chain in the same transaction.
extension SQLKlageStore: APIKeyStore {
    public func insertKey(_ key: APIKey, by actor: String) async throws {
        _ = try await write(nil) { connection in
            try connection.execute(try .insert(key))
            try HostAuditChain.append(
                .keyCreated, reference: key.id.rawValue, actor: actor, at: key.createdAt, content: HostAuditChain.content(of: key), on: connection)
        }
    }

    /// Inserts a key as the command line would (tests and tools that set up a store).
    public func insertKey(_ key: APIKey) async throws {
        try await insertKey(key, by: HostAuditEntry.commandLineActor)
    }

    /// The key whose current or previous secret hashes to `hash`, and its tenant; a key found in the last
    /// half second is not looked up again (``KeyCache``: a revocation through another instance is seen
    /// within that half second).
    ///
    /// Concurrent lookups of one hash share one read (``KeyLookups``).
    public func key(hash: String) async throws -> (key: APIKey, tenant: Tenant?)? {
        if let found = keyCache.lookup(hash) { return found }
        return try await keyLookups.run(hash) { [self] in
            let ticket = keyCache.ticket()
            let found = try await read(nil) { connection -> FoundKey? in
                guard let key = try connection.fetchOne(APIKey.self, SQL.select(APIKey.self) + " WHERE hash = \(hash) OR previous_hash = \(hash)")
                else { return nil }
                guard let tenantID = key.tenant else { return FoundKey(key: key, tenant: nil) }
                let tenant = try connection.fetchOne(Tenant.self, SQL.select(Tenant.self) + " WHERE id = \(tenantID)")
                return FoundKey(key: key, tenant: tenant)
            }
            if let found { keyCache.keep((found.key, found.tenant), for: hash, ticket: ticket) }
            return found
        }.map { ($0.key, $0.tenant) }
    }

    public func revokeKey(_ id: APIKeyID, tenant: TenantID?, at date: Date, by actor: String) async throws -> Bool {
        let revoked = try await write(nil) { connection in
            let scope: SQL = tenant.map { "AND tenant_id = \($0)" } ?? ""
            guard try connection.execute("UPDATE api_keys SET revoked_at = \(date) WHERE id = \(id) AND revoked_at IS NULL \(scope)") > 0 else {
                return false
            }
            try HostAuditChain.append(.keyRevoked, reference: id.rawValue, actor: actor, at: date, content: [], on: connection)
            return true
        }
        keyCache.removeAll()
        return revoked
    }

    public func keys(tenant: TenantID?) async throws -> [APIKey] {
        try await read(nil) { connection in
            let scope: SQL = tenant.map { " WHERE tenant_id = \($0)" } ?? ""
            return try connection.fetchAll(APIKey.self, SQL.select(APIKey.self) + scope + " ORDER BY created_at, id")
        }
    }

    public func rotateKey(
        _ id: APIKeyID, tenant: TenantID?, hash: String, oldValidUntil: Date, at date: Date, by actor: String
    ) async throws -> APIKey? {
        let rotated = try await write(nil) { connection -> APIKey? in
            let scope: SQL = tenant.map { "AND tenant_id = \($0)" } ?? ""
            let live: SQL = "revoked_at IS NULL AND (expires_at IS NULL OR expires_at > \(date))"
            let changed = try connection.execute(
                """
                UPDATE api_keys SET previous_hash = hash, previous_valid_until = \(oldValidUntil), hash = \(hash)
                WHERE id = \(id) AND \(live) \(scope)
                """)
            guard changed > 0 else { return nil }
            try HostAuditChain.append(
                .keyRotated, reference: id.rawValue, actor: actor, at: date, content: [String(AuditEntry.milliseconds(oldValidUntil))],
                on: connection)
            return try connection.fetchOne(APIKey.self, SQL.select(APIKey.self) + " WHERE id = \(id)")
        }
        keyCache.removeAll()
        return rotated
    }

    public func recordKeyUse(_ id: APIKeyID, at date: Date) async throws {
        guard keyUses.shouldWrite(id, at: date) else { return }
        let since = date.addingTimeInterval(-KeyUseThrottle.interval)
        _ = try await write(nil) { connection in
            try connection.execute(
                "UPDATE api_keys SET last_used_at = \(date) WHERE id = \(id) AND (last_used_at IS NULL OR last_used_at <= \(since))")
        }
    }
}
