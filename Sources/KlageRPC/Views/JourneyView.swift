import KlageKernel

/// The events of a journey, and the names of the people and keys that acted or were assigned.
///
/// Events and the audit chain keep an actor's id alone, never a name; the names are read when shown.
struct JourneyView: WireSample {
    let events: [DomainEvent]
    /// Each actor id of the events (and assignee of their hand-offs) by the name to show: a person's
    /// name (`person:<id>`), a key's label, `Klage` for the host itself; ids that name no one are left out.
    let names: [String: String]

    static let sample = JourneyView(events: [.sample], names: ["person:0193a1b2-0000-7000-8000-000000000000": "Anna Jensen"])

    /// The ids a journey mentions: its events' actors and the assignees of its hand-offs.
    static func mentioned(in events: [DomainEvent]) -> Set<String> {
        Set(events.flatMap { event in [event.actor] + ["fromAssignee", "toAssignee"].compactMap { event.data[$0]?.stringValue } })
    }

    /// The names of `ids` in `tenant`, from its people and its keys.
    static func names(of ids: Set<String>, in tenant: Tenant, _ store: any KlageStore) async throws -> [String: String] {
        var names: [String: String] = ids.contains("system") ? ["system": "Klage"] : [:]
        if ids.contains(where: { $0.hasPrefix("person:") }) {
            for person in try await store.people(of: tenant.id) where ids.contains("person:" + person.id.rawValue) {
                names["person:" + person.id.rawValue] = person.name
            }
        }
        // Keys are read only when an id can be one: not the host's own, nor a person's.
        guard ids.contains(where: { $0 != "system" && !$0.hasPrefix("person:") }) else { return names }
        for key in try await store.keys(tenant: tenant.id) where ids.contains(key.id.rawValue) {
            names[key.id.rawValue] = key.label
        }
        return names
    }
}
