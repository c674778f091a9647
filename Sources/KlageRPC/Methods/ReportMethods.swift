import Foundation
import KlageKernel
import KlageReports

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
                try await reports.summary(
                    from: input[CoreParams.from], to: input[CoreParams.to], department: input[CoreParams.department], in: context.tenant)
            }
        ]
    }
}
