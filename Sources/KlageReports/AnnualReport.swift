public import Foundation
public import KlageKernel

/// The citizens' adviser's yearly report to the council on complaints, built from the data: the year
/// against the year before and the baseline, by department, what was learned and what changed, appeals
/// forwarded, first contact and satisfaction, with Danish text to print.
///
/// It holds no personal data: only counts, shares and the names of departments. A group of fewer than
/// ``minimumGroup`` complaints is suppressed (its figures `null`), and so is a satisfaction mean of
/// fewer than ``minimumGroup`` answers.
public struct AnnualReport: Sendable, Encodable {
    /// The smallest group the report shows.
    public static let minimumGroup = 5

    public let year: Int
    /// The year in Copenhagen time, `[from, to)`.
    public let from: Date
    public let to: Date
    /// The report's title, in Danish.
    public let title: String
    public let thisYear: YearFigures
    public let previousYear: YearFigures
    /// The whole municipality's most recent baseline from before the year (entered with `baseline.set`).
    @ExplicitNull public var baseline: Baseline?
    /// The year's figures per department, sorted by name.
    public let departments: [YearFigures]
    /// The learning items of the year: raised, turned into actions, actions done.
    public let learning: EvidenceFigures.Learning
    /// The report as Danish paragraphs, in order, for the printed page.
    public let paragraphs: [String]

    /// The figures of one year, whole or of one department.
    public struct YearFigures: Sendable, Encodable {
        /// The department; `null` for the whole municipality.
        @ExplicitNull public var department: String?
        /// Fewer than ``AnnualReport/minimumGroup`` complaints: every figure but `received` is `null`,
        /// and `received` is `null` too for a department.
        public let suppressed: Bool
        @ExplicitNull public var received: Int?
        @ExplicitNull public var stoppedByDialogueShare: Double?
        @ExplicitNull public var openShare: Double?
        @ExplicitNull public var medianDaysToClose: Double?
        @ExplicitNull public var appealsReceived: Int?
        /// Appeals forwarded to the appeals board in the year, by the day forwarded.
        @ExplicitNull public var appealsForwarded: Int?
        @ExplicitNull public var firstContactWithin24HoursShare: Double?
        @ExplicitNull public var firstContactWithinDeadlineShare: Double?
        @ExplicitNull public var satisfactionAnswers: Int?
        /// `null` when fewer than ``AnnualReport/minimumGroup`` citizens answered.
        @ExplicitNull public var satisfactionMean: Double?
        /// Learning items turned into actions (accepted or implemented).
        @ExplicitNull public var learningTurnedIntoActions: Int?

        init(_ figures: EvidenceFigures, department: String?) {
            self.department = department
            let shown = figures.received >= AnnualReport.minimumGroup
            suppressed = !shown
            func ifShown<Value>(_ value: Value?) -> Value? { shown ? value : nil }
            received = department == nil || shown ? figures.received : nil
            stoppedByDialogueShare = ifShown(figures.stoppedByDialogue.share)
            openShare = ifShown(figures.stoppedByDialogue.openShare)
            medianDaysToClose = ifShown(figures.daysToClose.median)
            appealsReceived = ifShown(figures.appeals.received)
            appealsForwarded = ifShown(figures.appeals.forwarded)
            firstContactWithin24HoursShare = ifShown(figures.firstContact.within24Hours.share)
            firstContactWithinDeadlineShare = ifShown(figures.firstContact.withinDeadline.share)
            satisfactionAnswers = ifShown(figures.satisfaction.answered)
            satisfactionMean = figures.satisfaction.answered >= AnnualReport.minimumGroup ? ifShown(figures.satisfaction.mean) : nil
            learningTurnedIntoActions = ifShown(figures.learning.turnedIntoActions)
        }
    }

    /// The report of `year` from its figures, the year before's, the baseline and each department's.
    public init(
        year: Int, from: Date, to: Date, tenantName: String, thisYear: EvidenceFigures, previousYear: EvidenceFigures,
        baseline: Baseline?, departments: [EvidenceFigures]
    ) {
        self.year = year
        self.from = from
        self.to = to
        title = "Årsberetning om klager \(year): \(tenantName)"
        self.thisYear = YearFigures(thisYear, department: nil)
        self.previousYear = YearFigures(previousYear, department: nil)
        self.baseline = baseline
        self.departments = departments.map { YearFigures($0, department: $0.group ?? "") }
        learning = thisYear.learning
        paragraphs = AnnualReportText.paragraphs(
            year: year, thisYear: self.thisYear, previousYear: self.previousYear, baseline: baseline, learning: learning)
    }
}
