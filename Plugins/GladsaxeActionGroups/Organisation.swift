import Foundation
import KlagePluginAPI

/// Departments with their champions, and the register of staff trained in the method.
enum Organisation {
    static let operations = [createDepartment, updateDepartment, listDepartments, registerStaff, listStaff]

    static let name = Field<String>("name", .text(max: 100))
    static let champion = Field<String>("champion", .text(max: 200), "the champion's name or initials")
    /// The largest headcount a department may give.
    static let headcount = Field<Int?>("headcount", .integer(min: 1, max: 100_000), "how many staff work in the department")
    static let staffName = Field<String>("name", .text(max: 200))
    static let department = Field<String>("department", .text(max: 100))
    static let leader = Field<Bool>("leader", .bool)
    static let trainedAt = Field<Date>("trainedAt", .time)

    /// What `gladsaxe.department.list` adds to each department.
    struct Training: Encodable, Sendable {
        let champion: String
        @ExplicitNull var headcount: Int?
        let trained: Int
        let trainedLeaders: Int
        @ExplicitNull var shareTrained: Double?
    }

    /// What `gladsaxe.staff.list` returns.
    struct StaffList: Encodable, Sendable {
        let items: [StoredRecord<TrainedStaff>]
        let trained: Int
        let leaders: Int
    }

    /// `gladsaxe.department.create`: a department, its champion and, optionally, its headcount.
    static let createDepartment = PluginOperation(
        "gladsaxe.department.create", summary: "Adds a department with its champion (ildsjæl) and, optionally, its headcount.", roles: [.admin],
        params: [name, champion, headcount]
    ) { input, context in
        let wanted = try input[name]
        guard try await context.records.first(Department.self, ref: wanted) == nil else {
            throw KlageError.conflict("department '\(wanted)' exists already")
        }
        return try await context.records.create(Department(name: wanted, champion: try input[champion], headcount: try input[headcount]))
    }

    /// `gladsaxe.department.update`: a new champion or headcount; `headcount: null` clears it.
    static let updateDepartment = PluginOperation(
        "gladsaxe.department.update", summary: "Changes a department's champion or headcount (null clears the headcount).", roles: [.leader],
        params: [name, champion.optional, headcount]
    ) { input, context in
        guard var record = try await context.records.first(Department.self, ref: try input[name]) else {
            throw KlageError.notFound("department")
        }
        if let champion = try input[champion.optional] { record.champion = champion }
        if let headcount = try input[headcount] {
            record.headcount = headcount
        } else if input.isNull(headcount) {
            record.headcount = nil
        }
        return try await context.records.update(record)
    }

    /// `gladsaxe.department.list`: departments with their champion, how many staff and leaders are
    /// trained, and the share of staff trained when the headcount is known.
    ///
    /// `trained` counts everyone registered as trained in the department, leaders included;
    /// `trainedLeaders` counts the leaders among them; `shareTrained` is `trained / headcount`
    /// (null without a headcount).
    static let listDepartments = PluginOperation(
        "gladsaxe.department.list",
        summary: "The departments with champion, trained staff, trained leaders, headcount and share of staff trained.",
        roles: [.caseworker]
    ) { _, context in
        let people = try await context.records.list(TrainedStaff.self, limit: 10_000)
        let byDepartment = Dictionary(grouping: people, by: \.department)
        let items = try await context.records.list(Department.self, limit: 1_000).map { department in
            let trained = byDepartment[department.name, default: []]
            return department.adding(
                Training(
                    champion: department.champion, headcount: department.headcount, trained: trained.count,
                    trainedLeaders: trained.filter(\.leader).count,
                    shareTrained: department.headcount.map { Double(trained.count) / Double($0) }))
        }
        return ItemList(items)
    }

    /// The names of the tenant's departments, sorted.
    static func names(_ context: PluginContext) async throws -> [String] {
        try await context.records.list(Department.self, limit: 1_000).map(\.name).sorted()
    }

    /// Refuses a learning item naming a department the tenant has not added, so no item goes unrouted.
    @Sendable static func validateLearningItem(_ draft: NewLearningItem, _ context: PluginContext) async throws {
        guard let name = draft.department else { return }
        let known = try await names(context)
        guard !known.contains(name) else { return }
        throw KlageError.validation(
            field: department.name,
            reason: known.isEmpty
                ? "unknown department '\(name)'; no departments yet (add them with gladsaxe.department.create)"
                : "unknown department '\(name)'; known departments: \(known.joined(separator: ", "))")
    }

    /// `gladsaxe.staff.register`: a member of staff trained in the method.
    static let registerStaff = PluginOperation(
        "gladsaxe.staff.register", summary: "Registers a member of staff trained in the method; leaders are flagged.", roles: [.admin, .leader],
        params: [staffName, department, leader, trainedAt]
    ) { input, context in
        let named = try input[department]
        guard try await context.records.first(Department.self, ref: named) != nil else {
            throw KlageError.validation(field: department.name, reason: "no department '\(named)'; add it first")
        }
        return try await context.records.create(
            TrainedStaff(
                name: try input[staffName], department: named, leader: try input[leader], trainedAt: try input[trainedAt]))
    }

    /// `gladsaxe.staff.list`: the register, with how many are trained and how many of them lead.
    static let listStaff = PluginOperation(
        "gladsaxe.staff.list", summary: "The register of trained staff, by department; counts trained staff and leaders.", roles: [.leader],
        params: [department.optional]
    ) { input, context in
        let people = try await context.records.list(TrainedStaff.self, ref: try input[department.optional], limit: 1_000)
        return StaffList(items: people, trained: people.count, leaders: people.filter(\.leader).count)
    }
}
