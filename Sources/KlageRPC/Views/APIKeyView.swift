import Foundation
import KlageKernel

/// An API key as listed: who it is for, when it was made, when it expires, was rotated, revoked and
/// last used. Never its secret, nor the secret's hash.
struct APIKeyView: WireSample {
    /// Whether the key works now: `active`, `expired` or `revoked`.
    enum Status: String, Encodable, Sendable, CaseIterable {
        case active, expired, revoked
    }

    let id: String
    let tenant: String?
    let role: Role
    let label: String
    let status: Status
    let createdAt: Date
    let expiresAt: Date?
    let revokedAt: Date?
    let lastUsedAt: Date?
    /// Until when the secret before the last rotation still works, if it does at `now`.
    let previousSecretValidUntil: Date?

    init(_ key: APIKey, now: Date) {
        id = key.id.rawValue
        tenant = key.tenant?.rawValue
        role = key.role
        label = key.label
        status = key.revokedAt != nil ? .revoked : key.isExpired(at: now) ? .expired : .active
        createdAt = key.createdAt
        expiresAt = key.expiresAt
        revokedAt = key.revokedAt
        lastUsedAt = key.lastUsedAt
        previousSecretValidUntil = key.previousValidUntil.flatMap { $0 > now ? $0 : nil }
    }

    static let sample = APIKeyView(
        APIKey(
            id: "", tenant: "", role: .caseworker, label: "", hash: "", createdAt: .distantPast, revokedAt: .distantPast,
            expiresAt: .distantFuture, previousValidUntil: .distantFuture, lastUsedAt: .distantPast), now: .distantPast)
}

/// A key given a new secret, shown once, and until when the old one still works.
struct RotatedKeyView: WireSample {
    let id: String
    let key: String
    let previousSecretValidUntil: Date

    static let sample = RotatedKeyView(id: "", key: "", previousSecretValidUntil: .distantPast)
}
