/// Who sees a complaint's CPR number in full; everyone else sees it masked (`010190-****`).
///
/// - An **admin** sees it: they answer the citizen's requests (export, erasure) and the authority's
///   record-keeping duties.
/// - A **caseworker or leader assigned** to the complaint by someone else (its `assignee` is their id,
///   a person's `person:<id>` or a key's, and `assignedBy` is not) sees it: they handle the case and may
///   need to identify the citizen in the case system. Assigning oneself reveals nothing that masking
///   hides: a leader, an admin or the case system assigns the case to them.
/// - Everyone else, including `integration` keys (the case system holds its own copy) and caseworkers
///   not assigned, sees it masked.
public enum CPRVisibility {
    /// Whether `actor` may read `complaint`'s CPR number in full.
    public static func showsCPR(of complaint: Complaint, to actor: Principal) -> Bool {
        switch actor.role {
        case .admin: true
        case .leader, .caseworker: complaint.assignee == actor.id && complaint.assignedBy != nil && complaint.assignedBy != actor.id
        case .integration, .operator: false
        }
    }

    /// The citizen as `actor` may see them.
    public static func citizen(of complaint: Complaint, for actor: Principal) -> Citizen {
        showsCPR(of: complaint, to: actor) ? complaint.citizen : complaint.citizen.maskingCPR
    }
}
