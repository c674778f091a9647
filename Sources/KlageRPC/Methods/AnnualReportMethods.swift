public import Foundation
public import KlageKernel

/// `report.annual`: the citizens' adviser's yearly report on complaints to the council, in Danish,
/// without personal data, groups under 5 suppressed; the web console prints it (`#/annual/{year}`).
public enum ReportAnnual: TenantMethod {
    public struct Params: Decodable, Sendable {
        let year: Int
    }
    public typealias Result = AnnualReport
    public static let name = "report.annual"
    public static let summary =
        "The yearly report on complaints to the council, in Danish: the year against the year before and the baseline, by department, learning turned into actions, appeals forwarded, first contact, satisfaction; no personal data, groups under 5 suppressed."
    public static let roles: Set<Role> = [.leader]
    public static let params = [RPCParam("year", .integer(minimum: 2000, maximum: 9999), required: true, "the calendar year, Copenhagen time")]

    /// ``KlageKernel/AnnualReport/YearFigures``.
    static let yearFigures = RPCSchema.complete([
        "department": .nullable(.string), "suppressed": .boolean, "received": .nullable(.integer()),
        "stoppedByDialogueShare": .nullable(.number), "openShare": .nullable(.number), "medianDaysToClose": .nullable(.number),
        "appealsReceived": .nullable(.integer()), "appealsForwarded": .nullable(.integer()),
        "firstContactWithin24HoursShare": .nullable(.number), "firstContactWithinDeadlineShare": .nullable(.number),
        "satisfactionAnswers": .nullable(.integer()), "satisfactionMean": .nullable(.number),
        "learningTurnedIntoActions": .nullable(.integer()),
    ])
    public static let result = RPCSchema.complete([
        "year": .integer(), "from": .dateTime, "to": .dateTime, "title": .string, "thisYear": yearFigures, "previousYear": yearFigures,
        "baseline": .nullable(.baseline), "departments": .array(yearFigures),
        "learning": .complete([
            "raised": .integer(), "routed": .integer(), "turnedIntoActions": .integer(), "actionsDone": .integer(),
            "medianDaysToDone": .nullable(.number),
        ]),
        "paragraphs": .array(.string),
    ])
}

extension RPCServices {
    func registerAnnualReportMethods(into builder: inout RPCMethodRegistry.Builder) {
        builder.register(ReportAnnual.self) { params, context in
            try await ReportService(env).annual(year: params.year, in: context.tenant, now: env.clock.now())
        }
    }
}
