/// The kernel's own tenant settings, read with their ranges enforced.
///
/// Plug-ins declare their own settings (``DeadlineSetting``, ``NumberSetting``) with
/// ``PluginRegistrar/setting(_:)``; ``validate(_:declared:)`` checks the kernel's and theirs.
public enum TenantSettings {
    /// A whole-number setting and its allowed range.
    public struct Number: Sendable {
        public let key: String
        public let range: ClosedRange<Int>
        public let defaultValue: Int
    }

    /// How many days after closing by agreement a complaint may be reopened.
    public static let reopenWindowDays = Number(key: "reopenWindowDays", range: 0...365, defaultValue: 14)
    /// How many days a satisfaction survey token stays valid.
    public static let surveyValidDays = Number(key: "surveyValidDays", range: 1...365, defaultValue: 30)

    /// How many failed call attempts (`reached: false`) open the written route: a letter or e-mail then meets first contact.
    public static let failedCallAttemptsBeforeWrittenRoute = Number(key: "failedCallAttemptsBeforeWrittenRoute", range: 1...20, defaultValue: 3)

    /// How many hours a complaint registered late (after its receipt) has, from registration, for recording the
    /// contacts made before it at their real time, before the scheduler records a miss; never more than the delay itself.
    public static let lateRegistrationGraceHours = Number(key: "lateRegistrationGraceHours", range: 0...72, defaultValue: 8)

    /// How many months after closing a complaint's personal data is anonymised by the scheduler; 0 (the default) never.
    public static let anonymiseMonthsAfterClosing = Number(key: "retention.anonymiseMonthsAfterClosing", range: 0...1_200, defaultValue: 0)
    /// How many months the access log keeps a read before the scheduler deletes it; 0 (the default) keeps it.
    public static let accessLogMonths = Number(key: "retention.accessLogMonths", range: 0...1_200, defaultValue: 0)

    static let numbers = [
        reopenWindowDays, surveyValidDays, failedCallAttemptsBeforeWrittenRoute, lateRegistrationGraceHours, anonymiseMonthsAfterClosing,
        accessLogMonths,
    ]

    /// How long an appeal may take before it is forwarded (the statutory 4 weeks by default).
    public static let appealForwardingDeadline = DeadlineSetting("appealForwardingDeadline", default: .days(28))
    /// How long the written confirmation after closing by agreement may take, for a tenant that sends one
    /// (``AgreementConfirmation``).
    public static let confirmationDeadline = DeadlineSetting("confirmationDeadline", default: .workingDays(5))

    /// The link to the tenant's accessibility statement (tilgængelighedserklæring), shown on its intake page.
    public static let accessibilityStatement = TextSetting("intake.accessibilityStatement", .link)
    /// What the intake page tells citizens of how their data is processed (GDPR art. 13), in Danish; a
    /// plain notice naming the tenant as controller when unset.
    public static let privacyNotice = TextSetting("intake.privacyNotice", .text(maxLength: 4_000))
    /// A link to the tenant's full privacy policy, shown with the notice.
    public static let privacyPolicy = TextSetting("intake.privacyPolicy", .link)

    /// The kernel's own settings of other types than whole numbers.
    static let declared: [any TenantSetting] = [
        appealForwardingDeadline, confirmationDeadline, AgreementConfirmation.setting, surveyAtClosing, methodAdoption, workingHours,
        closingDays, ComplaintVisibility.wholeTenant, accessibilityStatement, privacyNotice, privacyPolicy,
    ]

    /// The value of `setting` in `settings`, or its default.
    public static func value(_ setting: Number, in settings: [String: JSONValue]) -> Int {
        guard let number = settings[setting.key]?.numberValue, let value = Int(exactly: number.rounded()) else { return setting.defaultValue }
        return min(max(value, setting.range.lowerBound), setting.range.upperBound)
    }

    /// Checks every known setting: the kernel's, and those the plug-ins declare.
    ///
    /// - Parameters:
    ///   - settings: A tenant's settings.
    ///   - plugins: The plug-ins' settings (``PluginRegistry/settings``).
    /// - Throws: validation naming the setting, e.g. `settings.borgerkontakt.callbackDeadline`.
    public static func validate(_ settings: [String: JSONValue], declared plugins: [any TenantSetting] = []) throws {
        for setting in numbers {
            guard let value = settings[setting.key] else { continue }
            guard let number = value.numberValue, let whole = Int(exactly: number), setting.range.contains(whole) else {
                throw KlageError.validation(
                    field: "settings.\(setting.key)", reason: "a whole number from \(setting.range.lowerBound) to \(setting.range.upperBound)")
            }
        }
        for setting in (declared + plugins).sorted(by: { $0.key < $1.key }) {
            try setting.check(settings)
        }
    }
}
