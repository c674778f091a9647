public import Foundation
public import KlageKernel

extension ReportService {
    /// The annual report of `year` (Copenhagen time): the year, the year before, the whole
    /// municipality's latest baseline from before the year, and the year by department.
    ///
    /// - Throws: validation naming `year` when it is before 2000 or after the current year.
    public func annual(year: Int, in tenant: Tenant, now: Date) async throws -> AnnualReport {
        let calendar = ReportDay.calendar
        let current = calendar.component(.year, from: now)
        guard (2000...current).contains(year) else {
            throw KlageError.validation(field: "year", reason: "a year from 2000 to \(current)")
        }
        func start(_ year: Int) -> Date { calendar.date(from: DateComponents(year: year, month: 1, day: 1)) ?? now }
        let (from, to, previous) = (start(year), start(year + 1), start(year - 1))
        let thisYear = try await figures(ReportQuery(from: from, to: to), in: tenant)[0]
        let previousYear = try await figures(ReportQuery(from: previous, to: from), in: tenant)[0]
        let departments = try await figures(ReportQuery(from: from, to: to, groupBy: .department), in: tenant)
        let baseline = try await store.baselines(tenant: tenant.id).filter { $0.department == nil && $0.from < from }.max { $0.from < $1.from }
        return AnnualReport(
            year: year, from: from, to: to, tenantName: tenant.name, thisYear: thisYear, previousYear: previousYear, baseline: baseline,
            departments: departments)
    }
}
