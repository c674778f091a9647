public import Foundation

extension WorkflowEngine {
    /// Corrects a complaint's legal track. An appeal gets the statutory forwarding clock, running from the
    /// complaint's receipt (not from the correction: a late correction buys no time); a complaint that turns
    /// out not to be an appeal loses that clock.
    ///
    /// - Throws: conflict when the complaint is closed or already on `track`; validation when its workflow
    ///   does not handle `track`.
    public func retrack(
        _ complaint: inout Complaint, to track: ComplaintTrack, in definition: WorkflowDefinition, settings: [String: JSONValue]
    ) throws -> [WorkflowEffect] {
        guard complaint.closedAt == nil else { throw KlageError.conflict("a closed complaint keeps its track") }
        guard complaint.track != track else { throw KlageError.conflict("the complaint is already on the '\(track.rawValue)' track") }
        guard definition.tracks.contains(track) else {
            throw KlageError.validation(field: "track", reason: "workflow '\(definition.id)' does not handle the '\(track.rawValue)' track")
        }
        let from = complaint.track
        complaint.track = track
        var effects: [WorkflowEffect] = [.retracked(from: from, to: track)]
        switch track {
        case .appeal:
            effects.append(startClock(StatutoryDeadlines.appealForwarding, at: complaint.receivedAt, on: &complaint, settings: settings))
        case .dissatisfaction:
            complaint.deadlines.removeAll { $0.name == StatutoryDeadlines.appealForwarding.name }
        }
        return effects
    }

    /// Records that the citizen asked for written contact, for `reason`: the written route opens (``WrittenRoute``).
    ///
    /// - Throws: conflict when the complaint is closed or the citizen's request is already recorded.
    public func preferWrittenContact(_ complaint: inout Complaint, reason: WrittenContactReason, at now: Date) throws -> [WorkflowEffect] {
        guard complaint.closedAt == nil else { throw KlageError.conflict("the complaint is closed") }
        guard WrittenRoute.opening(of: complaint) != .citizenAsked else {
            throw KlageError.conflict("the citizen's request for written contact is already recorded")
        }
        complaint.fields[WrittenRoute.fieldName] = WrittenRoute.record(.citizenAsked, reason: reason, at: now)
        return [.writtenContactPreferred(reason: reason)]
    }
}
