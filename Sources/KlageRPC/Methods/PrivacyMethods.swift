import KlageKernel

/// The one identifier a data subject is found by: exactly one of `cpr`, `phone` or `email`.
private enum CitizenParams {
    static let cpr = Field<String?>("cpr", .text(max: 11), "the citizen's CPR number, DDMMYY-SSSS or ten digits")
    static let phone = Field<String?>("phone", .text(max: 20), "the citizen's phone number; +45 or 0045 and spaces are ignored")
    static let email = Field<String?>("email", .text(max: 254), "the citizen's e-mail address, in any case")
    static let all: [any FieldDeclaration] = [cpr, phone, email]

    /// The match, validated (-32022 naming the field when malformed or not exactly one).
    static func match(_ input: RPCInput) throws -> CitizenMatch {
        try CitizenMatch.from(cpr: input[cpr], phone: input[phone], email: input[email])
    }
}

extension RPCServices {
    /// `privacy.export` (GDPR art. 15) and `privacy.erase` (art. 17, or restriction where the complaint
    /// is open or must be kept, art. 17(3)(b) and 18).
    var privacyMethods: [RPCMethod] {
        [
            RPCMethod(
                "privacy.export",
                summary:
                    "Everything the tenant holds about one citizen, found by exactly one of cpr, phone or email (GDPR art. 15): each complaint "
                    + "with its contacts, journey, effort, survey, plug-in records and access log. The export is itself access-logged.",
                roles: [.admin], params: CitizenParams.all
            ) { input, context in
                let match = try CitizenParams.match(input)
                let dossiers = try await PrivacyService(env).export(match, in: context.tenant, by: context.actor)
                return DataSubjectExportView(tenant: context.tenant.id, matchedBy: match.kind, dossiers: dossiers, now: now, for: context.actor)
            },
            RPCMethod(
                "privacy.erase",
                summary:
                    "Erases one citizen's personal data from the tenant's complaints now; a complaint still open, or a decision case the "
                    + "municipality must keep, is restricted instead (shown to admins only, processed no further). Says which, and why, per complaint.",
                roles: [.admin], params: CitizenParams.all
            ) { input, context in
                try await PrivacyService(env).erase(try CitizenParams.match(input), in: context.tenant, by: context.actor)
            },
        ]
    }
}
