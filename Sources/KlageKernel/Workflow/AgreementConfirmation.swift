/// The written confirmation of what was agreed, after a complaint closes by agreement (`withdrawn`,
/// `resolved`): some municipalities' practice, not Danish law, so a tenant setting that is off by default.
///
/// With `confirmationAfterAgreement: true`, closing by agreement starts this clock, unless the citizen
/// wants no written answer (`wantsWrittenAnswer: false`); a letter, e-mail or Digital Post letter meets it,
/// and a miss escalates like any other. Without it, closing by agreement owes nothing and starts no clock.
/// The confirmation carries no appeal guidance: guidance on how to appeal belongs to decisions.
public enum AgreementConfirmation {
    /// Whether closing by agreement owes the citizen a written confirmation; off by default.
    public static let setting = FlagSetting("confirmationAfterAgreement", default: false)

    /// The confirmation's clock, started at closing; its length is the tenant's `confirmationDeadline`.
    public static let rule = DeadlineRule(
        "writtenConfirmation", title: "Send the written confirmation of the agreement", starts: .onReceipt,
        duration: .workingDays(5), setting: TenantSettings.confirmationDeadline.key, metBy: .writtenContact
    )

    /// Whether the tenant with `settings` sends the confirmation.
    public static func isOwed(in settings: [String: JSONValue]) -> Bool {
        setting.value(in: settings)
    }
}
