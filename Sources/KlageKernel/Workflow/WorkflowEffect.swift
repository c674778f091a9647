public import Foundation

/// Something the engine did to a complaint; the service turns each into a domain event.
public enum WorkflowEffect: Sendable, Hashable {
    /// An action was taken, closing with `outcome` if it gave one.
    case actionTaken(ActionID, outcome: Outcome?)
    /// The complaint entered a state.
    case entered(StateID)
    /// A deadline's clock started.
    case deadlineStarted(name: String, dueAt: Date)
    /// A deadline was met; `late` when after its due time.
    case deadlineMet(name: String, late: Bool)
    /// A running deadline was stopped because the complaint closed.
    case deadlineStopped(name: String)
    /// A deadline reached its warn point.
    case deadlineWarned(name: String)
    /// A deadline passed its due time unmet, and was escalated to a leader.
    case deadlineMissed(name: String)
    /// The clocks were paused or resumed.
    case clocksPaused
    case clocksResumed
    /// A complaint closed by agreement, in a tenant that sends one, owes the citizen a written confirmation of the agreement.
    case confirmationOwed
    /// A closed complaint was reopened.
    case reopened(StateID)
    /// The citizen chose whether to receive a written answer.
    case writtenAnswerChosen(wants: Bool)
    /// Closed by agreement in a tenant that sends a confirmation, and the citizen wants no written answer: none is owed.
    case confirmationWaived
    /// Closed by agreement in a tenant that sends a confirmation, after the written answer had reached the
    /// citizen (Roskilde's letter at C): that letter is the confirmation, and no second one is owed.
    case confirmationGiven(by: ContactID)
    /// The complaint was forwarded to `to`, e.g. an appeal to Ankestyrelsen.
    case forwarded(to: String)
    /// After `attempts` failed call attempts, a letter or e-mail meets the first-contact clock.
    case writtenRouteOpened(attempts: Int)
    /// The citizen asked for written contact, for `reason`: the written route is open.
    case writtenContactPreferred(reason: WrittenContactReason)
    /// The complaint's legal track was corrected from `from` to `to`.
    case retracked(from: ComplaintTrack, to: ComplaintTrack)
}
