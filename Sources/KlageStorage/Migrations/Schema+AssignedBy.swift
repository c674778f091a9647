extension Schema {
    /// Who made a complaint's current assignment (`assigned_by`, an actor id), so that assigning oneself
    /// does not reveal a CPR number that masking hides (``KlageKernel/CPRVisibility``). Assignments made
    /// before it have none, and show the number masked until someone assigns the case again.
    static let assignedBy = Migration(
        id: 20, name: "who assigned a complaint", statements: ["ALTER TABLE complaints ADD COLUMN assigned_by TEXT"])
}
