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
        title: "Learning item",
        initialState: "proposed",
        states: [
            WorkflowState("proposed", title: "Proposed"),
            WorkflowState("accepted", title: "Accepted: an improvement will be made"),
            WorkflowState("implemented", title: "Implemented", isFinal: true),
            WorkflowState("dismissed", title: "Dismissed", isFinal: true),
        ],
        actions: [
            WorkflowAction("accept", title: "Accept", from: ["proposed"], to: "accepted", roles: [.leader]),
            WorkflowAction("implement", title: "Mark implemented", from: ["accepted"], to: "implemented", roles: [.leader]),
            WorkflowAction("dismiss", title: "Dismiss", from: ["proposed", "accepted"], to: "dismissed", roles: [.leader], guards: [.noteGiven]),
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
