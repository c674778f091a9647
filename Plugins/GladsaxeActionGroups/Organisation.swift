import Foundation
import KlageKernel

/// Departments with their champions, and the register of staff trained in the method.
enum Organisation {
    static let department = "department"
    static let staff = "staff"

    static let operations = [createDepartment, listDepartments, registerStaff, listStaff]

    /// `gladsaxe.department.create`: a department and its champion.
    static let createDepartment = PluginOperation(
        "gladsaxe.department.create", summary: "Adds a department with its champion (ildsjæl).", roles: [.admin],
        params: [FieldSpec("name", .text(max: 100), required: true), FieldSpec("champion", .text(max: 200), required: true, "the champion's name or initials")]
    ) { input, context in
        let name = try input.required("name")
        guard try await context.records.list(department, PluginRecordQuery(ref: name)).isEmpty else {
            throw KlageError.conflict("department '\(name)' exists already")
        }
        return try await context.records.create(department, body: ["name": .string(name), "champion": .string(try input.required("champion"))],
                                                ref: name).json
    }

    /// `gladsaxe.department.list`: departments and champions.
    static let listDepartments = PluginOperation(
        "gladsaxe.department.list", summary: "The departments and their champions.", roles: [.caseworker]
    ) { _, context in
        ["items": .array(try await context.records.list(department).map(\.json))]
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
