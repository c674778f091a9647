/// The written confirmation of what was agreed, after a complaint closes by agreement (`withdrawn`,
/// `resolved`): some municipalities' practice, not Danish law, so a tenant setting that is off by default.
///
/// With `confirmationAfterAgreement: true`, closing by agreement starts this clock, unless the citizen
/// wants no written answer (`wantsWrittenAnswer: false`); a letter, e-mail or Digital Post letter meets it,
/// and a miss escalates like any other. Without it, closing by agreement owes nothing and starts no clock.
/// The confirmation carries no appeal guidance: guidance on how to appeal belongs to decisions.
///
/// The citizen gets one letter, not two: when a written answer reached the citizen after the last
/// two-way conversation (Roskilde's written answer at C), that answer is the confirmation, and closing
/// records `complaint.confirmationGiven` instead of starting the clock.
public enum AgreementConfirmation {
    /// Whether closing by agreement owes the citizen a written confirmation; off by default.
    public static let setting = FlagSetting("confirmationAfterAgreement", default: false)

    /// The confirmation's clock, started at closing; its length is the tenant's `confirmationDeadline`.
    public static let rule = DeadlineRule(
        "writtenConfirmation",
        title: LocalizedText(da: "Send den skriftlige bekræftelse af aftalen", en: "Send the written confirmation of the agreement"),
        starts: .onReceipt,
        duration: .workingDays(5), setting: TenantSettings.confirmationDeadline.key, metBy: .writtenContact
    )

    /// Whether the tenant with `settings` sends the confirmation.
    public static func isOwed(in settings: [String: JSONValue]) -> Bool {
        setting.value(in: settings)
    }

    /// The written answer that already confirms the agreement: the latest written contact that reached the
    /// citizen no earlier than the last two-way conversation (where the agreement was made), if any.
    public static func writtenAnswerGiven(in contacts: [Contact]) -> Contact? {
        let lastConversation = contacts.filter(\.isTwoWayConversation).map(\.occurredAt).max()
        return contacts.filter { contact in
            contact.kind.isWritten && contact.reached
                && (lastConversation.map { !ClientTime.isBefore(contact.occurredAt, $0) } ?? true)
        }.max { $0.occurredAt < $1.occurredAt }
    }
}
