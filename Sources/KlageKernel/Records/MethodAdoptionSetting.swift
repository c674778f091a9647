public import Foundation

/// The tenant setting `methodAdoption`: the day each department took up the complaint method, so that
/// reports can compare before with after. An object mapping a department's name, or `"*"` for every
/// department without its own, to a day written `YYYY-MM-DD`, read as Copenhagen midnight.
///
/// ```json
/// "methodAdoption": { "*": "2025-03-01", "Jobcenter": "2025-09-01" }
/// ```
public struct MethodAdoptionSetting: TenantSetting {
    /// The key every department's date falls back to.
    public static let allDepartments = "*"

    public let key = "methodAdoption"
    public let defaultValue: [String: Date] = [:]

    /// Declares the setting; the kernel has one, ``TenantSettings/methodAdoption``.
    init() {}

    /// What a valid value is.
    public var expected: String {
        "an object mapping a department (or \"*\" for every department) to the day it adopted the method, YYYY-MM-DD"
    }

    /// The days by department, when every entry is valid.
    public func parse(_ json: JSONValue) -> [String: Date]? {
        guard let object = json.objectValue else { return nil }
        var days: [String: Date] = [:]
        for (department, value) in object {
            guard Self.isDepartment(department), let text = value.stringValue, let day = CopenhagenDay.parse(text) else { return nil }
            days[department] = day
        }
        return days
    }

    /// Checks the tenant's value, naming the offending department.
    ///
    /// - Throws: ``KlageError/validation(field:reason:)`` naming `settings.methodAdoption`, or
    ///   `settings.methodAdoption.<department>` for one bad entry.
    public func check(_ settings: [String: JSONValue]) throws {
        guard let json = settings[key] else { return }
        guard let object = json.objectValue else { throw KlageError.validation(field: "settings.\(key)", reason: expected) }
        for (department, value) in object.sorted(by: { $0.key < $1.key }) {
            let field = "settings.\(key).\(department.prefix(100))"
            guard Self.isDepartment(department) else {
                throw KlageError.validation(field: field, reason: "a department's name of 1 to 100 characters, or \"*\" for every department")
            }
            guard let text = value.stringValue, CopenhagenDay.parse(text) != nil else {
                throw KlageError.validation(field: field, reason: "the day the department adopted the method, YYYY-MM-DD")
            }
        }
    }

    private static func isDepartment(_ name: String) -> Bool {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        return !trimmed.isEmpty && trimmed == name && name.count <= 100
    }
}

extension TenantSettings {
    /// Whether closing a complaint issues its satisfaction survey at once; the token comes back once, on `complaint.act`.
    public static let surveyAtClosing = FlagSetting("surveyAtClosing", default: false)

    /// The day each department adopted the complaint method.
    public static let methodAdoption = MethodAdoptionSetting()

    /// The day `department` adopted the complaint method: its own day, else the day set for every
    /// department (`"*"`), else `nil`; as Copenhagen midnight.
    ///
    /// - Parameters:
    ///   - department: The department, or `nil` for the municipality as a whole (the `"*"` day).
    ///   - settings: The tenant's settings.
    public static func methodAdoption(for department: String?, in settings: [String: JSONValue]) -> Date? {
        let days = methodAdoption.value(in: settings)
        if let department, let own = days[department] { return own }
        return days[MethodAdoptionSetting.allDepartments]
    }
}
