/// Deadlines the law sets, which the kernel adds whatever the workflow says (DOMAIN.md "Two legal tracks").
public enum StatutoryDeadlines {
    /// An appeal of a decision: reconsider, and forward to the appeals board within 4 weeks unless
    /// the decision changes. Met only by closing; dialogue does not stop it.
    public static let appealForwarding = DeadlineRule(
        "appealForwarding", title: "Reconsider the decision, then forward the appeal", starts: .onReceipt,
        duration: .days(28), setting: "appealForwardingDeadline", metBy: .closing
    )

    /// A complaint closed as withdrawn or resolved: a written confirmation with appeal guidance is owed.
    public static let writtenConfirmation = DeadlineRule(
        "writtenConfirmation", title: "Send written confirmation with appeal guidance", starts: .onReceipt,
        duration: .workingDays(5), setting: "confirmationDeadline", metBy: .writtenContact
    )

    /// Every statutory rule, for finding a deadline's rule by name.
    public static let all = [appealForwarding, writtenConfirmation]
}
