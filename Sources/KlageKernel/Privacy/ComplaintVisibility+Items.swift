extension ComplaintVisibility {
    /// `items` without those about a complaint this does not show, each complaint read once from
    /// `store`. An item about no complaint, or about an id `store` holds no complaint under (a plug-in
    /// record referring to a department, say), is kept. Without a limit to departments: `items`, unread.
    func keeping<Item>(
        _ items: [Item], about complaint: (Item) -> ComplaintID?, in tenant: TenantID, from store: any ComplaintStore
    ) async throws -> [Item] {
        guard departments != nil else { return items }
        var shown: [ComplaintID: Bool] = [:]
        var kept: [Item] = []
        for item in items {
            guard let id = complaint(item) else {
                kept.append(item)
                continue
            }
            if shown[id] == nil { shown[id] = try await store.complaint(id, tenant: tenant).map(shows) ?? true }
            if shown[id] == true { kept.append(item) }
        }
        return kept
    }
}
