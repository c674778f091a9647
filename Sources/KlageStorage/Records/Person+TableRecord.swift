public import KlageKernel

/// A person is one row of `people`; a sign-in updates their name, e-mail, roles, departments and last use.
extension Person: TableRecord {
    public static let table = TableLayout<Person>("people", key: ["id"], insertOnly: ["tenant_id", "issuer", "subject", "created_at"])
}
