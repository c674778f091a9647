import Foundation

/// Which outcomes an action may close with, and what an appeal's closing requires.
extension WorkflowEngine {
    func checkOutcome(_ outcome: Outcome?, for action: WorkflowAction, complaint: Complaint, fields: [String: JSONValue]) throws {
        if action.outcomes.isEmpty {
            if outcome != nil {
                throw KlageError.validation(field: "outcome", reason: "action '\(action.id)' takes no outcome")
            }
            return
        }
        let allowed = action.outcomes.map(\.rawValue).joined(separator: ", ")
        guard let outcome else {
            throw KlageError.validation(field: "outcome", reason: "required; one of: \(allowed)")
        }
        guard action.outcomes.contains(outcome) else {
            throw KlageError.validation(field: "outcome", reason: "'\(outcome.rawValue)' is not allowed here; one of: \(allowed)")
        }
        if outcome.needsCitizenConsent, fields["citizenConsent"] != .bool(true) {
            throw KlageError.validation(
                field: "fields.citizenConsent",
                reason: "closing as '\(outcome.rawValue)' needs the citizen's recorded consent (true)"
            )
        }
        if complaint.track == .appeal { try checkAppeal(outcome, complaint: complaint, fields: fields) }
    }

    /// An appeal of a decision closes without forwarding only when the decision changed fully in the
    /// citizen's favour (`upheld`) or the citizen withdrew it; a decision kept in whole or in part is
    /// forwarded to the appeals board, and where it went is recorded (DOMAIN.md "Two legal tracks").
    func checkAppeal(_ outcome: Outcome, complaint: Complaint, fields: [String: JSONValue]) throws {
        switch outcome {
        case .upheld, .withdrawn:
            return
        case .forwarded:
            let to = fields[KernelActionFields.forwardedTo.name] ?? complaint.fields[KernelActionFields.forwardedTo.name]
            guard to?.stringValue != nil else {
                throw KlageError.validation(field: "fields.forwardedTo", reason: "a forwarded appeal records where it went, e.g. Ankestyrelsen")
            }
        case .partlyUpheld, .rejected, .resolved:
            throw KlageError.validation(
                field: "outcome",
                reason: "an appeal whose decision the municipality keeps, in whole or in part, must be forwarded to the appeals board "
                    + "(outcome 'forwarded' with fields.forwardedTo); only 'upheld' (the decision changed fully in the citizen's favour) "
                    + "or 'withdrawn' with the citizen's consent closes it without forwarding"
            )
        }
    }
}
