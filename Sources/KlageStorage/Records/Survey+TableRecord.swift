public import KlageKernel

/// A survey is one row of `surveys`, keyed by its complaint; the answer is recorded with a
/// conditional update (``SQLKlageStore/submitSurvey(tokenHash:score:comment:at:)``).
extension Survey: TableRecord {
    public static let table = TableLayout<Survey>(
        "surveys", key: ["tenant_id", "complaint_id"], insertOnly: ["token_hash", "issued_at", "expires_at"])
}
