public import Foundation
public import KlageKernel

/// A complaint as the API shows it (API.md "Records"): the ``KlageKernel/Complaint`` as it encodes, with
/// what is worked out at read time.
///
/// A view remains because the wire shape truly differs: each deadline's `missed` and the complaint's
/// `paused` are worked out at read time (`now`), the scheduler's bookkeeping on a deadline (`warnedAt`,
/// `missedAt`, `working`, `startedAt`, `missJudgedFrom`) stays internal, and the CPR number is masked for
/// a viewer who may not read it. Every other member is the complaint's own, so a property added to
/// ``KlageKernel/Complaint`` is shown (and listed by `rpc.discover`) without a change here.
public struct ComplaintView: Encodable, Sendable {
    /// A deadline as the API shows it: its times and whether it is missed now.
    struct DeadlineView: WireComponent {
        let name: String
        let dueAt: Date
        let warnAt: Date?
        let metAt: Date?
        let stoppedAt: Date?
        let pausedAt: Date?
        let missed: Bool

        init(_ deadline: Deadline, now: Date) {
            name = deadline.name
            dueAt = deadline.dueAt
            warnAt = deadline.warnAt
            metAt = deadline.metAt
            stoppedAt = deadline.stoppedAt
            pausedAt = deadline.pausedAt
            missed = deadline.isMissed(at: now)
        }

        static let componentName = "Deadline"
        static let sample = DeadlineView(Deadline(name: "", dueAt: .distantPast), now: .distantPast)
    }

    /// The complaint, its citizen as the viewer may see it.
    let complaint: Complaint
    let deadlines: [DeadlineView]
    let paused: Bool

    /// The complaint as `viewer` may see it: the CPR number is masked unless ``KlageKernel/CPRVisibility`` lets them read it.
    public init(_ complaint: Complaint, now: Date, for viewer: Principal) {
        var shown = complaint
        shown.citizen = CPRVisibility.citizen(of: complaint, for: viewer)
        self.complaint = shown
        deadlines = complaint.deadlines.map { DeadlineView($0, now: now) }
        paused = complaint.isPaused
    }

    private enum CodingKeys: String, CodingKey { case deadlines, paused }

    /// The complaint's members, its deadlines replaced by their views, and `paused`.
    public func encode(to encoder: any Encoder) throws {
        try complaint.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(deadlines, forKey: .deadlines)
        try container.encode(paused, forKey: .paused)
    }
}

extension ComplaintView: WireComponent {
    public static let componentName = "Complaint"
    public static let sample = ComplaintView(.sample, now: .distantPast, for: .system(tenant: ""))
}
