/// How a data subject is found among a tenant's complaints: by CPR number, phone number or e-mail address.
///
/// Phone numbers match on their digits, without a Danish `+45`/`0045` prefix; e-mail addresses match
/// without regard to case; CPR numbers match on their ten digits.
public enum CitizenMatch: Sendable, Hashable {
    case cpr(String)
    case phone(String)
    case email(String)

    /// Builds the match from the one identifier given. - Throws: validation when none, several, or a malformed one is given.
    public static func from(cpr: String?, phone: String?, email: String?) throws -> CitizenMatch {
        let given = [cpr, phone, email].compactMap { $0 }
        guard given.count == 1 else {
            throw KlageError.validation(field: "cpr", reason: "give exactly one of cpr, phone or email")
        }
        if let value = try Validate.cpr(cpr, field: "cpr") { return .cpr(value) }
        if let value = try Validate.phone(phone, field: "phone") { return .phone(value) }
        if let value = try Validate.email(email, field: "email") { return .email(value) }
        throw KlageError.validation(field: "cpr", reason: "give exactly one of cpr, phone or email")
    }

    /// What the match was made by, for the export: `cpr`, `phone` or `email`.
    public var kind: String {
        switch self {
        case .cpr: "cpr"
        case .phone: "phone"
        case .email: "email"
        }
    }

    /// Whether `citizen` is the one sought.
    public func matches(_ citizen: Citizen) -> Bool {
        switch self {
        case .cpr(let value): citizen.cpr == value
        case .phone(let value): citizen.phone.map(Self.phoneDigits) == Self.phoneDigits(value)
        case .email(let value): citizen.email?.lowercased() == value.lowercased()
        }
    }

    /// A text every stored citizen that matches contains (lowercased; `%` between phone digits), for a
    /// storage engine to narrow the rows it decodes; ``matches(_:)`` decides.
    public var containsPattern: String {
        switch self {
        case .cpr(let value): value
        case .phone(let value): Self.phoneDigits(value).map(String.init).joined(separator: "%")
        case .email(let value): value.lowercased()
        }
    }

    /// The digits of a phone number without a Danish country prefix.
    static func phoneDigits(_ value: String) -> String {
        var digits = value.filter { $0.isASCII && $0.isNumber }
        if digits.hasPrefix("0045"), digits.count == 12 { digits.removeFirst(4) }
        if digits.hasPrefix("45"), digits.count == 10 { digits.removeFirst(2) }
        return digits
    }
}
