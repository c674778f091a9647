import Foundation
import KlageKernel
import KlageReports

extension RPCServices {
    /// `report.annual`: the citizens' adviser's yearly report on complaints to the council, in Danish,
    /// without personal data, groups under 5 suppressed; the web console prints it (`#/annual/{year}`).
    var annualReportMethod: RPCMethod {
        let year = Field<Int>("year", .integer(min: 2000, max: 9999), "the calendar year, Copenhagen time")
        return RPCMethod(
            "report.annual",
            summary:
                "The yearly report on complaints to the council, in Danish: the year against the year before and the baseline, by department, learning turned into actions, appeals forwarded, first contact, satisfaction; no personal data, groups under 5 suppressed.",
            roles: [.leader], params: [year]
        ) { input, context in
            try await reports.annual(year: input[year], in: context.tenant, now: env.clock.now())
        }
    }
}
