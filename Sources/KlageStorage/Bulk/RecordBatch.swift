public import KlageKernel

/// Records of one tenant written together, in one transaction, by ``SQLKlageStore/insertBatch(_:tenant:)``.
///
/// For loading many records at once (demo data, imports): each complaint comes with its contacts,
/// effort, survey and events in the same batch, so foreign keys hold inside the transaction.
///
/// ```swift
/// var batch = RecordBatch()
/// batch.complaints.append(complaint)
/// batch.events.append(received)
/// try await store.insertBatch(batch, tenant: tenant.id)
/// ```
public struct RecordBatch: Sendable {
    public var complaints: [Complaint] = []
    public var contacts: [Contact] = []
    public var efforts: [EffortEntry] = []
    public var surveys: [Survey] = []
    public var events: [DomainEvent] = []
    public var learningItems: [LearningItem] = []
    public var pulses: [StaffPulse] = []

    public init() {}

    /// How many rows the batch writes.
    public var rowCount: Int {
        complaints.count + contacts.count + efforts.count + surveys.count + events.count + learningItems.count + pulses.count
    }

    /// Appends another batch's records.
    public mutating func append(_ other: RecordBatch) {
        complaints += other.complaints
        contacts += other.contacts
        efforts += other.efforts
        surveys += other.surveys
        events += other.events
        learningItems += other.learningItems
        pulses += other.pulses
    }
}
