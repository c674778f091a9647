extension WorkflowAction {
    /// The action id every workflow uses for withdrawal with the citizen's consent.
    public static let withdrawalID: ActionID = "withdraw"

    /// Withdrawal with the citizen's consent: the citizen may withdraw a complaint, or an appeal, at every
    /// stage until it is decided, whatever was said or done before (DomainAndLaw "Closing"). It closes as
    /// `withdrawn` and needs `citizenConsent: true` (the engine refuses it without, as every closing by
    /// agreement); it needs no conversation, so a citizen on the written route, or one whose complaint
    /// continued formally, can withdraw too.
    ///
    /// ```swift
    /// actions: [..., .withdrawal(from: ["received", "contacted", "formal"], to: "closed")]
    /// ```
    public static func withdrawal(from states: [StateID], to closed: StateID) -> WorkflowAction {
        WorkflowAction(
            withdrawalID,
            title: LocalizedText(da: "Afslut som tilbagetrukket, med borgerens samtykke", en: "Close as withdrawn, with the citizen's consent"),
            from: states, to: closed, outcomes: [.withdrawn])
    }
}
