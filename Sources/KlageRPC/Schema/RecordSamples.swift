import Foundation
public import KlageDelivery
public import KlageKernel
public import KlageReports

// The kernel records the API returns as they encode, with the samples their schemas are recorded from.
// A sample fills every list and every optional struct; a plain optional may stay `nil`.

extension Complaint {
    /// A complaint with one deadline.
    static let sample = Complaint(
        id: "", tenant: "", workflowVersion: 1, state: "",
        intake: NewComplaint(workflow: "", channel: .phone, subject: "", description: "", citizen: .sample), receivedAt: .distantPast,
        deadlines: [Deadline(name: "", dueAt: .distantPast)], createdAt: .distantPast, updatedAt: .distantPast)
}

extension Citizen: WireComponent {
    public static let componentName = "Citizen"
    public static let sample = Citizen(name: "")
}

extension Contact: WireComponent {
    public static let componentName = "Contact"
    public static let sample = Contact(
        id: "", tenant: "", complaintId: "", kind: .phone, occurredAt: .distantPast, recordedBy: "", summary: "", agreement: nil, fields: [:],
        createdAt: .distantPast)
}

extension LearningItem: WireComponent {
    public static let componentName = "LearningItem"
    public static let sample = LearningItem(
        id: "", tenant: "", complaintId: nil, title: "", insight: "", department: nil, tags: [], state: "", createdAt: .distantPast,
        updatedAt: .distantPast)
}

extension Tenant: WireComponent {
    public static let componentName = "Tenant"
    public static let sample = Tenant(id: "", name: "", plugins: [], createdAt: .distantPast)
}

extension DomainEvent: WireComponent {
    public static let componentName = "Event"
    public static let sample = DomainEvent(id: "", tenant: "", at: .distantPast, type: .complaintReceived, actor: "", summary: "")
}

extension EffortEntry: WireComponent {
    public static let componentName = "Effort"
    public static let sample = EffortEntry(
        id: "", tenant: "", complaintId: "", minutes: 1, activity: nil, recordedBy: "", at: .distantPast, createdAt: .distantPast)
}

extension Baseline: WireComponent {
    public static let componentName = "Baseline"
    public static let sample = Baseline(
        tenant: "", department: nil, from: .distantPast, to: .distantPast, received: nil, appealsForwarded: nil, medianDaysToClose: nil,
        satisfactionMean: nil, source: nil, updatedAt: .distantPast)
}

extension AccessRecord: WireSample {
    public static let sample = AccessRecord(tenant: "", complaintId: "", actor: "", actorLabel: "", at: .distantPast, purpose: "")
}

extension AttentionItem: WireSample {
    public static let sample = AttentionItem(
        kind: .missed, dueAt: .distantPast, title: .same(""), record: AttentionRecordRef(plugin: "", kind: "", id: ""))
}

extension AuditVerification: WireSample {
    public static let sample = AuditVerification(
        tenant: "", entries: 0, headSeq: 0, headHash: "", digestsChecked: 0, problems: [Problem(seq: 0, message: "")])
}

extension HostAuditVerification: WireSample {
    public static let sample = HostAuditVerification(
        entries: 0, headSeq: 0, headHash: "", anchorChecked: false, problems: [AuditVerification.Problem(seq: 0, message: "")])
}

extension Webhook: WireSample {
    public static let sample = Webhook(
        tenant: "", id: "", url: "", eventTypes: [], description: nil, secret: "", position: 0, createdAt: .distantPast, createdBy: "")
}

extension FeedPage: WireSample {
    public static let sample = FeedPage(events: [FeedEvent(position: 1, event: .sample)], next: 0)
}

extension ErasureResult: WireSample {
    public static let sample = ErasureResult(matchedBy: "", complaints: [Item(complaintId: "", action: .anonymised, reason: "")])
}

extension ComplaintSummary: WireSample {
    public static let sample = ComplaintSummary()
}

extension EvidenceFigures: WireSample {
    public static let sample = EvidenceFigures.empty
}

extension AnnualReport: WireSample {
    public static let sample = AnnualReport(
        year: 2026, from: .distantPast, to: .distantPast, tenantName: "", thisYear: .empty, previousYear: .empty, baseline: nil,
        departments: [.empty])
}

extension ReportComparison: WireSample {
    public static let sample: ReportComparison = {
        let side = Side(from: .distantPast, to: .distantPast, months: 1, figures: .empty)
        return ReportComparison(department: nil, adoptedOn: .distantPast, before: side, after: side, baselines: [])
    }()
}
