import KlageKernel
import KlageReports

/// Data the store derives from the complaints and keeps in a layout the build declares, such as the
/// report cells' counters (``KlageReports/ReportCell/layout``).
///
/// Each database records the layout its data was written in (`klage_layouts`). After the migrations,
/// ``Migrator`` compares it with the build's: when they differ (a counter added, removed or moved), it
/// drops the stored data in the same transaction as it records the new layout, and the data is
/// computed again from the complaints (by the next report, `klage figures` or the background refresher).
public struct DerivedLayout: Sendable {
    /// The name it is recorded under.
    public let name: String
    /// The build's layout.
    public let layout: String
    /// What drops the data stored in another layout.
    public let dropping: [String]

    /// The report cells, days and months: every day is "never computed" once they are dropped.
    public static let reportCells = DerivedLayout(
        name: "report cells", layout: ReportCell.layout, dropping: Schema.recomputedReportCells.statements)
}

extension Schema {
    /// Every kind of derived data with a declared layout.
    public static let derivedData: [DerivedLayout] = [.reportCells]
}
