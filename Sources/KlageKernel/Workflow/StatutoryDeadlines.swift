/// Deadlines Danish law sets, which the kernel adds whatever the workflow says (DOMAIN.md "Two legal tracks").
public enum StatutoryDeadlines {
    /// An appeal of a decision: reconsider, and forward to the appeals board within 4 weeks unless
    /// the decision changes. Met only by closing; dialogue does not stop it.
    public static let appealForwarding = DeadlineRule(
        "appealForwarding",
        title: LocalizedText(da: "Genovervej afgørelsen, og send så klagen videre", en: "Reconsider the decision, then forward the appeal"),
        starts: .onReceipt,
        duration: .days(28), setting: "appealForwardingDeadline", metBy: .closing
    )

    /// Every statutory rule, for finding a deadline's rule by name.
    public static let all = [appealForwarding]
}
