import Foundation
import KlageKernel

/// Departments with their champions, and the register of staff trained in the method.
enum Organisation {
    static let department = "department"
    static let staff = "staff"

    static let operations = [createDepartment, updateDepartment, listDepartments, registerStaff, listStaff]

    /// The largest headcount a department may give.
    static let headcountSpec = FieldSpec("headcount", .integer(min: 1, max: 100_000), "how many staff work in the department")

    /// `gladsaxe.department.create`: a department, its champion and, optionally, its headcount.
    static let createDepartment = PluginOperation(
        "gladsaxe.department.create", summary: "Adds a department with its champion (ildsjæl) and, optionally, its headcount.", roles: [.admin],
        params: [FieldSpec("name", .text(max: 100), required: true), FieldSpec("champion", .text(max: 200), required: true, "the champion's name or initials"),
                 headcountSpec]
    ) { input, context in
        let name = try input.required("name")
        guard try await context.records.list(department, PluginRecordQuery(ref: name)).isEmpty else {
            throw KlageError.conflict("department '\(name)' exists already")
        }
        var body: [String: JSONValue] = ["name": .string(name), "champion": .string(try input.required("champion"))]
        if let headcount = input.int("headcount") { body["headcount"] = .number(Double(headcount)) }
        return try await context.records.create(department, body: body, ref: name).json
    }

    /// `gladsaxe.department.update`: a new champion or headcount; `headcount: null` clears it.
    static let updateDepartment = PluginOperation(
        "gladsaxe.department.update", summary: "Changes a department's champion or headcount (null clears the headcount).", roles: [.leader],
        params: [FieldSpec("name", .text(max: 100), required: true), FieldSpec("champion", .text(max: 200), "the champion's name or initials"),
                 headcountSpec]
    ) { input, context in
        let name = try input.required("name")
        guard var record = try await context.records.list(department, PluginRecordQuery(ref: name)).first else {
            throw KlageError.notFound("department")
        }
        if let champion = input.string("champion") { record.body["champion"] = .string(champion) }
        if let headcount = input.int("headcount") {
            record.body["headcount"] = .number(Double(headcount))
        } else if input.params["headcount"] == .null {
            record.body["headcount"] = nil
        }
        return try await context.records.update(record).json
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
        let people = try await context.records.list(staff, PluginRecordQuery(limit: 10_000))
        let byDepartment = Dictionary(grouping: people) { $0.ref ?? "" }
        let items = try await context.records.list(department, PluginRecordQuery(limit: 1_000)).map { record -> JSONValue in
            let trained = byDepartment[record.ref ?? "", default: []]
            let headcount = record.body["headcount"]?.numberValue
            var object = record.json.objectValue ?? [:]
            object["champion"] = record.body["champion"] ?? .null
            object["headcount"] = headcount.map(JSONValue.number) ?? .null
            object["trained"] = .number(Double(trained.count))
            object["trainedLeaders"] = .number(Double(trained.filter { $0.state == "leader" }.count))
            object["shareTrained"] = headcount.map { .number(Double(trained.count) / $0) } ?? .null
            return .object(object)
        }
        return ["items": .array(items)]
    }

    /// The names of the tenant's departments, sorted.
    static func names(_ context: PluginContext) async throws -> [String] {
        try await context.records.list(department, PluginRecordQuery(limit: 1_000)).compactMap(\.ref).sorted()
    }

    /// Refuses a learning item naming a department the tenant has not added, so no item goes unrouted.
    @Sendable static func validateLearningItem(_ draft: NewLearningItem, _ context: PluginContext) async throws {
        guard let name = draft.department else { return }
        let known = try await names(context)
        guard !known.contains(name) else { return }
        throw KlageError.validation(
            field: "department",
            reason: known.isEmpty
                ? "unknown department '\(name)'; no departments yet (add them with gladsaxe.department.create)"
                : "unknown department '\(name)'; known departments: \(known.joined(separator: ", "))")
    }

    /// `gladsaxe.staff.register`: a member of staff trained in the method.
    static let registerStaff = PluginOperation(
        "gladsaxe.staff.register", summary: "Registers a member of staff trained in the method; leaders are flagged.", roles: [.admin, .leader],
        params: [
            FieldSpec("name", .text(max: 200), required: true), FieldSpec("department", .text(max: 100), required: true),
            FieldSpec("leader", .bool, required: true), FieldSpec("trainedAt", .time, required: true),
        ]
    ) { input, context in
        let name = try input.required("department")
        guard try await context.records.list(department, PluginRecordQuery(ref: name)).first != nil else {
            throw KlageError.validation(field: "department", reason: "no department '\(name)'; add it first")
        }
        return try await context.records.create(staff, body: input.params, ref: name, state: input.bool("leader") == true ? "leader" : "staff").json
    }

    /// `gladsaxe.staff.list`: the register, with how many are trained and how many of them lead.
    static let listStaff = PluginOperation(
        "gladsaxe.staff.list", summary: "The register of trained staff, by department; counts trained staff and leaders.", roles: [.leader],
        params: [FieldSpec("department", .text(max: 100))]
    ) { input, context in
        let people = try await context.records.list(staff, PluginRecordQuery(ref: input.string("department"), limit: 1_000))
        return ["items": .array(people.map(\.json)), "trained": .number(Double(people.count)),
                "leaders": .number(Double(people.filter { $0.state == "leader" }.count))]
    }
}
