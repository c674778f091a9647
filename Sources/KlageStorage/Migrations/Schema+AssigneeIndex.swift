extension Schema {
    /// A caseworker's own queue (`complaint.list` with `assignee`) reads their complaints by index, newest
    /// first, not the tenant's every complaint.
    static let assigneeIndex = Migration(
        id: 23, name: "complaints by assignee", statements: ["CREATE INDEX complaints_assignee ON complaints (tenant_id, assignee, id)"])
}
