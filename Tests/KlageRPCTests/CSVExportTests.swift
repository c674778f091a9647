import Foundation
import KlageKernel
import Testing

@testable import KlageRPC

/// `report.export`'s CSV: text a spreadsheet would run as a formula is neutralised, numbers stay
/// numbers, and the Danish Excel dialect writes `;`, decimal commas and a byte-order mark.
@Suite struct CSVExportTests {
    /// A table with a department named like each formula start, and figures with a negative and a fraction.
    private func table(groups: [String]) -> ReportTable {
        var table = ReportTable()
        table.columns = ["group", "suppressed", "delta", "share"]
        table.rows = groups.map { ["group": .string($0), "suppressed": .bool(false), "delta": .number(-3), "share": .number(0.25)] }
        return table
    }

    @Test(arguments: ["=HYPERLINK(\"http://x\")", "+45 1234", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"])
    func aCellThatStartsLikeAFormulaIsNeutralised(_ group: String) {
        for dialect in CSVDialect.allCases {
            let lines = table(groups: [group]).csv(dialect).components(separatedBy: "\r\n")
            let cell = lines[1].hasPrefix("\"") ? String(lines[1].dropFirst()) : lines[1]
            #expect(cell.hasPrefix("'"), "\(dialect): \(lines[1])")
            #expect(cell.hasPrefix("'" + group.prefix(1)))
        }
    }

    @Test func numbersStayNumbersAndPlainTextStaysAsItIs() {
        let csv = table(groups: ["Borgerservice"]).csv()
        #expect(csv == "group,suppressed,delta,share\r\nBorgerservice,false,-3,0.25\r\n")
    }

    @Test func theDanishExcelDialectHasABOMSemicolonsAndDecimalCommas() {
        let csv = table(groups: ["Teknik; Miljø", "Borgerservice"]).csv(.excelDanish)
        #expect(csv.hasPrefix("\u{FEFF}group;suppressed;delta;share\r\n"))
        #expect(Array(csv.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(csv.contains("\r\n\"Teknik; Miljø\";false;-3;0,25\r\n"), "a cell holding ';' is quoted")
        #expect(csv.hasSuffix("\r\nBorgerservice;false;-3;0,25\r\n"))
        #expect(CSVDialect(rawValue: "excel-da") == .excelDanish)
    }
}
