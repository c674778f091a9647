import Foundation
import KlageKernel

/// The Danish text of the annual report: one paragraph per subject, with numbers written the Danish
/// way (decimal comma, per cent). Only figures that are shown are written; a suppressed one is named
/// as such.
enum AnnualReportText {
    static func paragraphs(
        year: Int, thisYear: AnnualReport.YearFigures, previousYear: AnnualReport.YearFigures, baseline: Baseline?,
        learning: EvidenceFigures.Learning
    ) -> [String] {
        var paragraphs: [String] = []
        let received = thisYear.received ?? 0
        var intake = "I \(year) modtog kommunen \(received) klager, mod \(previousYear.received ?? 0) i \(year - 1)."
        if let before = baseline?.received {
            intake += " Før metoden blev taget i brug (\(baselinePeriod(baseline))) var tallet \(before)."
        }
        paragraphs.append(intake)
        guard !thisYear.suppressed else {
            paragraphs.append("Årets klager er færre end \(AnnualReport.minimumGroup), så tallene vises ikke af hensyn til borgerne.")
            return paragraphs
        }
        paragraphs.append(
            "\(percent(thisYear.stoppedByDialogueShare)) af årets klager blev afsluttet i dialog med borgeren"
                + " (\(percent(previousYear.stoppedByDialogueShare)) året før); \(percent(thisYear.openShare)) er stadig åbne."
                + " Median for sagsbehandlingstid: \(days(thisYear.medianDaysToClose)), åbne klager regnet med deres alder.")
        paragraphs.append(
            "Første samtale med borgeren (telefon, møde eller video) inden for 24 timer: \(percent(thisYear.firstContactWithin24HoursShare));"
                + " inden for kommunens egen frist: \(percent(thisYear.firstContactWithinDeadlineShare)).")
        var appeals =
            "\(thisYear.appealsForwarded ?? 0) klager over afgørelser blev sendt videre til klageinstansen,"
            + " mod \(previousYear.appealsForwarded ?? 0) i \(year - 1)."
        if let before = baseline?.appealsForwarded { appeals += " Før metoden: \(before)." }
        paragraphs.append(appeals)
        if let mean = thisYear.satisfactionMean {
            paragraphs.append(
                "Borgernes tilfredshed med forløbet: \(decimal(mean)) på en skala fra 1 til 5 (\(thisYear.satisfactionAnswers ?? 0) svar).")
        } else {
            paragraphs.append("Færre end \(AnnualReport.minimumGroup) borgere svarede på tilfredshedsmålingen; gennemsnittet vises ikke.")
        }
        paragraphs.append(
            "Læring: \(learning.raised) læringspunkter blev rejst, \(learning.turnedIntoActions) blev til handlinger,"
                + " og \(learning.actionsDone) handlinger er gennemført.")
        return paragraphs
    }

    static func percent(_ share: Double?) -> String {
        guard let share else { return "ikke opgjort" }
        return decimal(share * 100) + " %"
    }

    static func days(_ value: Double?) -> String {
        guard let value else { return "ikke opgjort" }
        return decimal(value) + " dage"
    }

    /// One decimal, with a decimal comma; a whole number without one.
    static func decimal(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.1f", rounded).replacingOccurrences(of: ".", with: ",")
    }

    static func baselinePeriod(_ baseline: Baseline?) -> String {
        guard let baseline else { return "" }
        let calendar = ReportDay.calendar
        let from = calendar.dateComponents([.day, .month, .year], from: baseline.from)
        let to = calendar.dateComponents([.day, .month, .year], from: baseline.to.addingTimeInterval(-1))
        return "\(from.day ?? 1)/\(from.month ?? 1) \(from.year ?? 0)–\(to.day ?? 1)/\(to.month ?? 1) \(to.year ?? 0)"
    }
}
