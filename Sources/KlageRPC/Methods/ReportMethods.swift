import Foundation
import KlageKernel

/// What `report.summary` returns: every figure of the contract always there, `null` when it cannot be worked out.
struct ReportSummaryView: WireSample {
    struct Satisfaction: Encodable, Sendable {
        let responses: Int
        @ExplicitNull var average: Double?
    }
    let received: Int
    let closed: Int
    let withdrawn: Int
    @ExplicitNull var withdrawnRate: Double?
    @ExplicitNull var medianHoursToFirstContact: Double?
    @ExplicitNull var firstContactWithinDeadlineRate: Double?
    @ExplicitNull var medianDaysToClose: Double?
    let escalated: Int
    let satisfaction: Satisfaction

    init(_ summary: ComplaintSummary) {
        received = summary.received
        closed = summary.closed
        withdrawn = summary.withdrawn
        withdrawnRate = summary.withdrawnRate
        medianHoursToFirstContact = summary.medianHoursToFirstContact
        firstContactWithinDeadlineRate = summary.firstContactWithinDeadlineRate
        medianDaysToClose = summary.medianDaysToClose
        escalated = summary.escalated
        satisfaction = Satisfaction(responses: summary.satisfactionResponses, average: summary.satisfactionAverage)
    }

    static let sample = ReportSummaryView(ComplaintSummary())
}

extension RPCServices {
    /// The report methods: `report.summary` (the figures a municipality measures itself by, DOMAIN.md),
    /// the evidence reports, and the annual report.
    var reportMethods: [RPCMethod] {
        evidenceReportMethods + [annualReportMethod] + [
            RPCMethod(
                "report.summary",
                summary:
                    "Complaints received in [from, to): closed, withdrawn and its rate, time to first contact, time to close, escalations, satisfaction.",
                roles: [.leader], params: [CoreParams.from, CoreParams.to, CoreParams.department]
            ) { input, context in
                ReportSummaryView(
                    try await ReportService(env).summary(
                        from: input[CoreParams.from], to: input[CoreParams.to], department: input[CoreParams.department], in: context.tenant))
            }
        ]
    }
}
