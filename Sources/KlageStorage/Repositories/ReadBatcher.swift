import KlageKernel

/// Writes the complaint reads of one tenant that arrive together in one transaction: each read and
/// its access-log row, as before, but one lock of the tenant's audit head and one commit for all.
///
/// ```
///   get A ─▶ leads: one transaction { read A; log A; chain A }          ─▶ A answered
///   get B ─┐  waits while A's batch commits
///   get C ─┴▶ B leads the next: one transaction { read B, C; log B, C; chain B, C } ─▶ B, C answered
/// ```
/// Every read is still logged, chained and durable before its complaint is shown; what changes is that
/// under load the tenant's audit head (which serialises its writers) is taken once per batch, not once
/// per read. The batching itself is a ``KeyedBatcher`` keyed by tenant.
final class ReadBatcher: Sendable {
    /// One complaint read waiting for its batch.
    struct Read: Sendable {
        let id: ComplaintID
        let access: AccessRecord
        let visibility: ComplaintVisibility
    }

    private let batcher = KeyedBatcher<TenantID, Read, Complaint?>(maxBatch: 256)

    /// The complaint of `read`, its read logged; written with the tenant's other reads of the moment.
    ///
    /// - Parameter write: writes a batch in one transaction and returns each read's complaint, in order.
    func complaint(
        _ read: Read, tenant: TenantID, write: @escaping @Sendable ([Read]) async throws -> [Result<Complaint?, any Error>]
    ) async throws -> Complaint? {
        try await batcher.submit(read, key: tenant, run: write)
    }
}
