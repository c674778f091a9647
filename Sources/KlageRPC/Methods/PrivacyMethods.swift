public import KlageKernel

/// The one identifier a data subject is found by: exactly one of `cpr`, `phone` or `email`.
public struct CitizenParams: Decodable, Sendable {
    let cpr: String?
    let phone: String?
    let email: String?

    /// The match, validated (-32022 naming the field when malformed or not exactly one).
    func match() throws -> CitizenMatch { try CitizenMatch.from(cpr: cpr, phone: phone, email: email) }

    static let params = [
        RPCParam("cpr", .string, "the citizen's CPR number, DDMMYY-SSSS or ten digits"),
        RPCParam("phone", .string, "the citizen's phone number; +45 or 0045 and spaces are ignored"),
        RPCParam("email", .string, "the citizen's e-mail address, in any case"),
    ]
}

/// `privacy.export`: everything about one citizen in the tenant (GDPR art. 15), including who read it.
public enum PrivacyExport: TenantMethod {
    public typealias Params = CitizenParams
    public typealias Result = DataSubjectExportView
    public static let name = "privacy.export"
    public static let summary =
        "Everything the tenant holds about one citizen, found by exactly one of cpr, phone or email (GDPR art. 15): each complaint "
        + "with its contacts, journey, effort, survey, plug-in records and access log. The export is itself access-logged."
    public static let roles: Set<Role> = [.admin]
    public static let params = CitizenParams.params
    public static let result = DataSubjectExportView.schema
}

/// `privacy.erase`: erasure (GDPR art. 17), or restriction where the complaint is open or must be kept (art. 17(3)(b), 18).
public enum PrivacyErase: TenantMethod {
    public typealias Params = CitizenParams
    public typealias Result = ErasureResult
    public static let name = "privacy.erase"
    public static let summary =
        "Erases one citizen's personal data from the tenant's complaints now; a complaint still open, or a decision case the "
        + "municipality must keep, is restricted instead (shown to admins only, processed no further). Says which, and why, per complaint."
    public static let roles: Set<Role> = [.admin]
    public static let params = CitizenParams.params
    public static let result = RPCSchema.object(
        [
            "matchedBy": .oneOf(["cpr", "phone", "email"]),
            "complaints": .array(
                .object(
                    [
                        "complaintId": .string, "action": .oneOf(["anonymised", "restricted", "alreadyAnonymised", "alreadyRestricted"]),
                        "reason": .string,
                    ], required: ["complaintId", "action", "reason"])),
        ], required: ["matchedBy", "complaints"])
}

extension RPCServices {
    func registerPrivacyMethods(into builder: inout RPCMethodRegistry.Builder) {
        builder.register(PrivacyExport.self) { params, context in
            let match = try params.match()
            let dossiers = try await PrivacyService(env).export(match, in: context.tenant, by: context.actor)
            return DataSubjectExportView(tenant: context.tenant.id, matchedBy: match.kind, dossiers: dossiers, now: now, for: context.actor)
        }
        builder.register(PrivacyErase.self) { params, context in
            try await PrivacyService(env).erase(try params.match(), in: context.tenant, by: context.actor)
        }
    }
}
