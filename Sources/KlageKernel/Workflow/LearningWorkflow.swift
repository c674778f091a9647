/// The kernel's own workflow for learning items: proposed, accepted, implemented, or dismissed.
///
/// ```
///   proposed ──accept──▶ accepted ──implement──▶ implemented
///       └──dismiss──▶ dismissed ◀──dismiss──┘
/// ```
public enum LearningWorkflow {
    /// The definition; validated at start-up with the plug-ins' workflows.
    public static let definition = WorkflowDefinition(
        id: "kernel.learning",
        title: LocalizedText(da: "Læringspunkt", en: "Learning item"),
        initialState: "proposed",
        states: [
            WorkflowState("proposed", title: LocalizedText(da: "Foreslået", en: "Proposed")),
            WorkflowState(
                "accepted", title: LocalizedText(da: "Accepteret: der bliver lavet en forbedring", en: "Accepted: an improvement will be made")),
            WorkflowState("implemented", title: LocalizedText(da: "Gennemført", en: "Implemented"), isFinal: true),
            WorkflowState("dismissed", title: LocalizedText(da: "Afvist", en: "Dismissed"), isFinal: true),
        ],
        actions: [
            WorkflowAction("accept", title: LocalizedText(da: "Acceptér", en: "Accept"), from: ["proposed"], to: "accepted", roles: [.leader]),
            WorkflowAction(
                "implement", title: LocalizedText(da: "Markér som gennemført", en: "Mark implemented"), from: ["accepted"], to: "implemented",
                roles: [.leader]),
            WorkflowAction(
                "dismiss", title: LocalizedText(da: "Afvis", en: "Dismiss"), from: ["proposed", "accepted"], to: "dismissed", roles: [.leader],
                guards: [.noteGiven]),
        ]
    )
}

extension LearningWorkflow {
    /// The state of an item whose improvement is made.
    public static let implemented: StateID = "implemented"
    /// The states of an item turned into an action: accepted, or implemented since.
    public static let actedOn: Set<StateID> = ["accepted", "implemented"]
    /// The actions that move an item forward, which a plug-in may take when its own process gets there
    /// (``TenantLearning/advance(_:by:note:)``); dismissing is left to people (`learning.act`).
    public static let forwardActions: Set<ActionID> = ["accept", "implement"]
}
