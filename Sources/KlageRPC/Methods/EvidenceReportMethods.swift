public import Foundation
public import KlageKernel

/// `report.figures`: every figure of the evidence, for a period, whole or grouped.
public enum ReportFigures: TenantMethod {
    public struct Params: Decodable, Sendable {
        let from: RPCTime
        let to: RPCTime
        let groupBy: ReportGrouping?
        let department: String?

        var query: ReportQuery { ReportQuery(from: from.date, to: to.date, groupBy: groupBy ?? .none, department: department) }
    }
    public struct Result: Encodable, Sendable { let groups: [EvidenceFigures] }
    public static let name = "report.figures"
    public static let summary =
        "The evidence of complaints received in [from, to): dialogue, appeals, first contact, time to close, backlog, staff time, hand-offs, written answers, satisfaction, staff pulse, learning; whole or by department, workflow, channel or track."
    public static let roles: Set<Role> = [.leader]
    static let periodParams = [
        RPCParam("from", .dateTime, required: true), RPCParam("to", .dateTime, required: true, "at most five years after from"),
        RPCParam("department", .string, "only this department's complaints"),
    ]
    public static let params =
        periodParams + [RPCParam("groupBy", .defaulted(.oneOf(ReportGrouping.allCases.map(\.rawValue)), "none"), "how to split the figures")]
    public static let result = RPCSchema.object(["groups": .array(.evidenceFigures)], required: ["groups"])
}

/// `report.series`: the whole tenant's (or a department's) figures per week, month or quarter.
public enum ReportSeries: TenantMethod {
    public struct Params: Decodable, Sendable {
        let from: RPCTime
        let to: RPCTime
        let interval: ReportInterval
        let department: String?
    }
    public struct Result: Encodable, Sendable {
        struct Period: Encodable, Sendable {
            let from: Date
            let to: Date
            let figures: EvidenceFigures
        }
        let periods: [Period]
    }
    public static let name = "report.series"
    public static let summary = "The figures of each week, month or quarter (Copenhagen time) of [from, to), for charts over time."
    public static let roles: Set<Role> = [.leader]
    public static let params =
        ReportFigures.periodParams + [RPCParam("interval", .oneOf(ReportInterval.allCases.map(\.rawValue)), required: true)]
    public static let result = RPCSchema.object(
        ["periods": .array(.complete(["from": .dateTime, "to": .dateTime, "figures": .evidenceFigures]))], required: ["periods"])

    static func periods(_ params: Params, in tenant: Tenant, env: ServiceEnvironment) async throws -> [Result.Period] {
        let query = ReportQuery(from: params.from.date, to: params.to.date, department: params.department)
        return try await ReportService(env).series(query, interval: params.interval, in: tenant).map {
            Result.Period(from: $0.from, to: $0.to, figures: $0.figures)
        }
    }
}

/// `report.compare`: before and after a method's adoption, with the baselines entered from before Klage.
public enum ReportCompare: TenantMethod {
    public struct Params: Decodable, Sendable {
        let department: String?
        let adoptedOn: RPCTime?
        let months: Int?
    }
    public typealias Result = ReportComparison
    public static let name = "report.compare"
    public static let summary =
        "The figures of equal windows before and after a method's adoption (the tenant's methodAdoption setting, or adoptedOn): months whole months on each side, or as many as have passed; counts also as rates per month; beside the baselines."
    public static let roles: Set<Role> = [.leader]
    /// One side: its window, its length in months (equal on both sides), its figures and its counts per month.
    static let comparisonSide = RPCSchema.complete([
        "from": .dateTime, "to": .dateTime, "months": .number, "figures": .evidenceFigures,
        "perMonth": .complete([
            "received": .number, "closed": .number, "stoppedByDialogue": .number, "appealsForwarded": .number, "escalated": .number,
        ]),
    ])
    public static let params = [
        RPCParam("department", .string, "one department; its own adoption date applies"),
        RPCParam("adoptedOn", .dateTime, "the adoption date; by default the tenant's methodAdoption setting"),
        RPCParam(
            "months", .defaulted(.integer(minimum: 1, maximum: 60), 12), "how many months on each side, at most as many as have passed since adoption"
        ),
    ]
    public static let result = RPCSchema.complete([
        "department": .nullable(.string), "adoptedOn": .dateTime,
        "before": comparisonSide, "after": comparisonSide,
        "baselines": .array(.baseline),
    ])
}

/// `report.export`: a report as CSV (RFC 4180, or `;`-separated with a byte-order mark for Danish
/// Excel) or JSON rows, without personal data, with small groups suppressed and formula-like text
/// neutralised (``CSVDialect``).
public enum ReportExport: TenantMethod {
    public struct Params: Decodable, Sendable {
        let report: Kind
        let format: Format
        let from: RPCTime
        let to: RPCTime
        let groupBy: ReportGrouping?
        let interval: ReportInterval?
        let department: String?
        let dialect: CSVDialect?

        enum Kind: String, Decodable, Sendable, CaseIterable { case figures, series }
        enum Format: String, Decodable, Sendable, CaseIterable { case csv, json }
    }
    public struct Result: Encodable, Sendable {
        let contentType: String
        let filename: String
        /// The CSV text, or the rows as JSON.
        let body: JSONValue
    }
    public static let name = "report.export"
    public static let summary =
        "report.figures or report.series as CSV (RFC 4180, UTF-8; or excel-da: ';'-separated, decimal comma, byte-order mark) or JSON rows; groups of fewer than 5 complaints are suppressed; text starting like a formula gets a leading '."
    public static let roles: Set<Role> = [.leader]
    public static let params =
        ReportFigures.periodParams + [
            RPCParam("report", .oneOf(Params.Kind.allCases.map(\.rawValue)), required: true),
            RPCParam("format", .oneOf(Params.Format.allCases.map(\.rawValue)), required: true),
            RPCParam("groupBy", .oneOf(ReportGrouping.allCases.map(\.rawValue)), "for figures"),
            RPCParam("interval", .oneOf(ReportInterval.allCases.map(\.rawValue)), "for series; month by default"),
            RPCParam(
                "dialect", .defaulted(.oneOf(CSVDialect.allCases.map(\.rawValue)), "rfc4180"),
                "for csv: excel-da writes ';'-separated cells, decimal commas and a UTF-8 byte-order mark, as Danish Excel opens them"),
        ]
    public static let result = RPCSchema.complete([
        "contentType": .oneOf(["text/csv; charset=utf-8", "application/json"]), "filename": .string, "body": .anyJSON,
    ])
}

extension RPCServices {
    func registerEvidenceReportMethods(into builder: inout RPCMethodRegistry.Builder) {
        builder.register(ReportFigures.self) { params, context in
            .init(groups: try await ReportService(env).figures(params.query, in: context.tenant))
        }
        builder.register(ReportSeries.self) { params, context in
            .init(periods: try await ReportSeries.periods(params, in: context.tenant, env: env))
        }
        builder.register(ReportCompare.self) { params, context in
            guard let adoptedOn = params.adoptedOn?.date ?? TenantSettings.methodAdoption(for: params.department, in: context.tenant.settings)
            else {
                throw KlageError.validation(
                    field: "adoptedOn",
                    reason:
                        "no adoption date for \(params.department.map { "'\($0)'" } ?? "the tenant"): give adoptedOn or set settings.methodAdoption")
            }
            return try await ReportService(env).compare(
                department: params.department, adoptedOn: adoptedOn, months: params.months ?? 12, in: context.tenant, now: env.clock.now())
        }
        builder.register(ReportExport.self) { params, context in
            var table = ReportTable()
            let stem: String
            switch params.report {
            case .figures:
                let query = ReportQuery(from: params.from.date, to: params.to.date, groupBy: params.groupBy ?? .none, department: params.department)
                for figures in try await ReportService(env).figures(query, in: context.tenant) {
                    try table.add(figures, labels: [("group", figures.group.map(JSONValue.string) ?? .null)])
                }
                stem = "klage-figures-\((params.groupBy ?? .none).rawValue)"
            case .series:
                let series = ReportSeries.Params(
                    from: params.from, to: params.to, interval: params.interval ?? .month, department: params.department)
                for period in try await ReportSeries.periods(series, in: context.tenant, env: env) {
                    try table.add(
                        period.figures,
                        labels: [("from", .string(Timestamp.format(period.from))), ("to", .string(Timestamp.format(period.to)))])
                }
                stem = "klage-series-\((params.interval ?? .month).rawValue)"
            }
            switch params.format {
            case .csv:
                return .init(
                    contentType: "text/csv; charset=utf-8", filename: stem + ".csv", body: .string(table.csv(params.dialect ?? .rfc4180)))
            case .json: return .init(contentType: "application/json", filename: stem + ".json", body: table.json)
            }
        }
    }
}
