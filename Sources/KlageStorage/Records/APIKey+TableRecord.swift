public import KlageKernel

/// An API key is one row of `api_keys`; revoking it sets `revoked_at` alone (``SQLKlageStore/revokeKey(_:tenant:at:)``),
/// rotating it `hash`, `previous_hash` and `previous_valid_until`, and a use `last_used_at`.
extension APIKey: TableRecord {
    public static let table = TableLayout<APIKey>("api_keys", key: ["id"], insertOnly: ["tenant_id", "role", "label", "created_at"])
}
