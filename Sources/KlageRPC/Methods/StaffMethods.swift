import Foundation
import KlageKernel

/// A colleague one may assign a complaint to: a person signed in through the tenant's identity provider.
struct ColleagueView: WireSample {
    /// The id to assign (`person:<id>`), as `complaint.assign`'s `assignee` takes it.
    let id: String
    let name: String
    let roles: [Role]
    let departments: [String]
    /// Whether this is the caller.
    let you: Bool

    init(_ person: Person, caller: Principal) {
        id = "person:" + person.id.rawValue
        name = person.name
        roles = person.roles
        departments = person.departments
        you = id == caller.id
    }

    static let sample = ColleagueView(
        Person(
            id: "0193a1b2-0000-7000-8000-000000000000", tenant: "kobenhavn", issuer: "https://login.example.dk", subject: "s",
            name: "Anna Jensen", email: nil, roles: [.caseworker], departments: ["Borgerservice"], createdAt: .distantPast,
            lastSeenAt: .distantPast), caller: .system(tenant: nil))
}

extension RPCServices {
    /// `staff.list`: the people a caller may assign complaints to.
    var staffListMethod: RPCMethod {
        RPCMethod(
            "staff.list",
            summary:
                "The people of the tenant one may assign a complaint to, by name: to a person limited to their departments (need to know), "
                + "the colleagues sharing one; to others, everyone who has signed in. No e-mail addresses.",
            roles: [.caseworker]
        ) { _, context in
            let people = try await env.store.people(of: context.tenant.id).filter { $0.role != nil }
            let mine = ComplaintVisibility(context.actor, in: context.tenant).departments
            return ItemsView(
                items: people.filter { mine?.isDisjoint(with: $0.departments) != true }.map { ColleagueView($0, caller: context.actor) })
        }
    }
}
