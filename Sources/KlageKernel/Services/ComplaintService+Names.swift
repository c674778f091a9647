/// The names of the actors a complaint's journey mentions, for people to read.
extension ComplaintService {
    /// The names of `ids` (actor ids as events record them): a person's name (`person:<id>`), a key's
    /// label, `Klage` for the host itself; an id that names no one in `tenant` is left out.
    ///
    /// Events and the audit chain keep the id alone, never a name; this is read when shown.
    public func names(of ids: Set<String>, in tenant: Tenant) async throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        var names: [String: String] = ids.contains("system") ? ["system": "Klage"] : [:]
        if ids.contains(where: { $0.hasPrefix("person:") }) {
            for person in try await env.store.people(of: tenant.id) where ids.contains("person:" + person.id.rawValue) {
                names["person:" + person.id.rawValue] = person.name
            }
        }
        for key in try await env.store.keys(tenant: tenant.id) where ids.contains(key.id.rawValue) {
            names[key.id.rawValue] = key.label
        }
        return names
    }
}
