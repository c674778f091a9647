import Foundation
import KlageKernel
import KlageReports

/// The params of the evidence reports.
private enum Params {
    static let to = Field<Date>("to", .time, "at most five years after from")
    static let department = Field<String?>("department", .text(max: 100), "only this department's complaints")
    /// The period and department every evidence report takes.
    static let period: [any FieldDeclaration] = [CoreParams.from, to, department]
    static let groupBy = Field<ReportGrouping>("groupBy", .choice(of: ReportGrouping.self), "how to split the figures", default: .none)
    static let interval = Field<ReportInterval>("interval", .choice(of: ReportInterval.self))
    static let adoptingDepartment = Field<String?>("department", .text(max: 100), "one department; its own adoption date applies")
    static let adoptedOn = Field<Date?>("adoptedOn", .time, "the adoption date; by default the tenant's methodAdoption setting")
    static let months = Field<Int>(
        "months", .integer(min: 1, max: 60), "how many months on each side, at most as many as have passed since adoption", default: 12)

    /// The query of a period's figures.
    static func query(_ input: RPCInput, groupBy: ReportGrouping = .none) -> ReportQuery {
        ReportQuery(from: input[CoreParams.from], to: input[to], groupBy: groupBy, department: input[department])
    }
}

/// What `report.figures` returns.
struct FiguresView: WireSample {
    let groups: [EvidenceFigures]

    static let sample = FiguresView(groups: [.sample])
}

/// What `report.series` returns: the figures of each period.
struct SeriesView: WireSample {
    struct Period: Encodable, Sendable {
        let from: Date
        let to: Date
        let figures: EvidenceFigures
    }
    let periods: [Period]

    static let sample = SeriesView(periods: [Period(from: .distantPast, to: .distantPast, figures: .sample)])
}

extension RPCServices {
    /// `report.figures`, `report.series` and `report.compare`: the evidence, whole or grouped, over
    /// time, and before and after a method's adoption; `report.export` writes the first two as files.
    var evidenceReportMethods: [RPCMethod] {
        [
            RPCMethod(
                "report.figures",
                summary:
                    "The evidence of complaints received in [from, to): dialogue, appeals, first contact, time to close, backlog, staff time, hand-offs, written answers, satisfaction, staff pulse, learning; whole or by department, workflow, channel or track.",
                roles: [.leader], params: Params.period + [Params.groupBy]
            ) { input, context in
                FiguresView(groups: try await reports.figures(Params.query(input, groupBy: input[Params.groupBy]), in: context.tenant))
            },
            RPCMethod(
                "report.series", summary: "The figures of each week, month or quarter (Copenhagen time) of [from, to), for charts over time.",
                roles: [.leader], params: Params.period + [Params.interval]
            ) { input, context in
                SeriesView(periods: try await series(Params.query(input), interval: input[Params.interval], in: context.tenant))
            },
            RPCMethod(
                "report.compare",
                summary:
                    "The figures of equal windows before and after a method's adoption (the tenant's methodAdoption setting, or adoptedOn): months whole months on each side, or as many as have passed; counts also as rates per month; beside the baselines.",
                roles: [.leader], params: [Params.adoptingDepartment, Params.adoptedOn, Params.months]
            ) { input, context in
                let department = input[Params.adoptingDepartment]
                guard let adoptedOn = input[Params.adoptedOn] ?? TenantSettings.methodAdoption(for: department, in: context.tenant.settings) else {
                    throw KlageError.validation(
                        field: "adoptedOn",
                        reason: "no adoption date for \(department.map { "'\($0)'" } ?? "the tenant"): give adoptedOn or set settings.methodAdoption")
                }
                return try await reports.compare(
                    department: department, adoptedOn: adoptedOn, months: input[Params.months], in: context.tenant, now: env.clock.now())
            },
            reportExportMethod,
        ]
    }

    /// The figures of each period of `query`.
    func series(_ query: ReportQuery, interval: ReportInterval, in tenant: Tenant) async throws -> [SeriesView.Period] {
        try await reports.series(query, interval: interval, in: tenant).map {
            SeriesView.Period(from: $0.from, to: $0.to, figures: $0.figures)
        }
    }
}

extension RPCServices {
    /// `report.export`: a report as CSV (RFC 4180, or `;`-separated with a byte-order mark for Danish
    /// Excel) or JSON rows, without personal data, with small groups suppressed and formula-like text
    /// neutralised (``CSVDialect``).
    var reportExportMethod: RPCMethod {
        let report = Field<ReportExport.Kind>("report", .choice(of: ReportExport.Kind.self))
        let format = Field<ReportExport.Format>("format", .choice(of: ReportExport.Format.self))
        let groupBy = Field<ReportGrouping?>("groupBy", .choice(of: ReportGrouping.self), "for figures")
        let interval = Field<ReportInterval?>("interval", .choice(of: ReportInterval.self), "for series; month by default")
        let dialect = Field<CSVDialect>(
            "dialect", .choice(of: CSVDialect.self),
            "for csv: excel-da writes ';'-separated cells, decimal commas and a UTF-8 byte-order mark, as Danish Excel opens them",
            default: .rfc4180)
        return RPCMethod(
            "report.export",
            summary:
                "report.figures or report.series as CSV (RFC 4180, UTF-8; or excel-da: ';'-separated, decimal comma, byte-order mark) or JSON rows; groups of fewer than 5 complaints are suppressed; text starting like a formula gets a leading '.",
            roles: [.leader], params: [report, format, CoreParams.from, Params.to, groupBy, interval, Params.department, dialect]
        ) { input, context in
            var table = ReportTable()
            let stem: String
            switch input[report] {
            case .figures:
                let grouping = input[groupBy] ?? .none
                for figures in try await reports.figures(Params.query(input, groupBy: grouping), in: context.tenant) {
                    try table.add(figures, labels: [("group", figures.group.map(JSONValue.string) ?? .null)])
                }
                stem = "klage-figures-\(grouping.rawValue)"
            case .series:
                let every = input[interval] ?? .month
                for period in try await series(Params.query(input), interval: every, in: context.tenant) {
                    try table.add(
                        period.figures,
                        labels: [("from", .string(Timestamp.format(period.from))), ("to", .string(Timestamp.format(period.to)))])
                }
                stem = "klage-series-\(every.rawValue)"
            }
            switch input[format] {
            case .csv:
                return ReportExport(contentType: .csv, filename: stem + ".csv", body: .string(table.csv(input[dialect])))
            case .json: return ReportExport(contentType: .json, filename: stem + ".json", body: table.json)
            }
        }
    }
}

/// What `report.export` returns: a file's type, name and content.
struct ReportExport: WireSample {
    /// Which report.
    enum Kind: String, Codable, Sendable, CaseIterable { case figures, series }
    /// Which file format.
    enum Format: String, Codable, Sendable, CaseIterable { case csv, json }
    /// The content type of the file.
    enum ContentType: String, Encodable, Sendable, CaseIterable {
        case csv = "text/csv; charset=utf-8"
        case json = "application/json"
    }

    let contentType: ContentType
    let filename: String
    /// The CSV text, or the rows as JSON.
    let body: JSONValue

    static let sample = ReportExport(contentType: .csv, filename: "", body: "")
}
