import Foundation

/// The rules for a Danish CPR number (personnummer): its format, its date, and how it is shown masked.
///
/// A CPR number is ten digits, `DDMMYY-SSSS` or `DDMMYYSSSS`. The first six are the birth date; the
/// first serial digit together with the year gives the century. The modulus-11 check is **not**
/// applied: since 2007 numbers are issued that fail it.
///
/// ```swift
/// CPRNumber.normalised("010190-1234")  // "0101901234"
/// CPRNumber.normalised("310290-1234")  // nil: 31 February
/// CPRNumber.masked("0101901234")       // "010190-****"
/// ```
public enum CPRNumber {
    /// The ten digits of a well-formed CPR number with a real birth date, or `nil`.
    public static func normalised(_ value: String) -> String? {
        let digits: String
        if value.count == 11, value[value.index(value.startIndex, offsetBy: 6)] == "-" {
            digits = String(value.prefix(6) + value.suffix(4))
        } else {
            digits = value
        }
        guard digits.count == 10, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let numbers = digits.compactMap(\.wholeNumberValue)
        let day = numbers[0] * 10 + numbers[1]
        let month = numbers[2] * 10 + numbers[3]
        let year = numbers[4] * 10 + numbers[5]
        guard isRealDate(day: day, month: month, year: century(year: year, serialDigit: numbers[6]) + year) else { return nil }
        return digits
    }

    /// The CPR number with its serial hidden: `010190-****`. The birth date alone does not identify a citizen.
    public static func masked(_ value: String) -> String {
        let digits = value.filter { $0.isASCII && $0.isNumber }
        guard digits.count >= 6 else { return "******-****" }
        return String(digits.prefix(6)) + "-****"
    }

    /// The century of the birth year, from the year and the first serial digit (CPR Office rules).
    static func century(year: Int, serialDigit: Int) -> Int {
        switch serialDigit {
        case 0...3: 1900
        case 4, 9: year <= 36 ? 2000 : 1900
        default: year <= 57 ? 2000 : 1800
        }
    }

    static func isRealDate(day: Int, month: Int, year: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }
}
