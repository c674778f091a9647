/// The action fields every workflow accepts, because the kernel itself reads them.
///
/// A workflow may declare one of them on an action too (to make it required, or to describe it in its
/// own words); otherwise these specs validate it.
///
/// ```swift
/// // complaint.act {"action": "close", "outcome": "resolved",
/// //                "fields": {"citizenConsent": true, "wantsWrittenAnswer": false}}
/// ```
public enum KernelActionFields {
    /// The citizen's recorded consent to closing by agreement (`withdrawn`, `resolved`).
    public static let citizenConsent = FieldSpec(
        "citizenConsent", .bool, "the citizen's recorded consent to closing by agreement (withdrawn, resolved)",
        label: LocalizedText(da: "Borgeren samtykker i at afslutte klagen", en: "The citizen consents to closing the complaint")
    )
    /// The citizen's own choice of a written answer, when asked: `true` wants one, `false` does not; left out when
    /// the citizen was not asked (nothing is recorded then). `false` means closing by agreement owes no letter.
    public static let wantsWrittenAnswer = FieldSpec(
        "wantsWrittenAnswer", .bool,
        "the citizen's own choice of a written answer, when asked (leave it out when not asked); false: no written confirmation is owed",
        label: LocalizedText(da: "Borgeren ønsker et skriftligt svar", en: "The citizen wants a written answer")
    )
    /// Where the case went, e.g. Ankestyrelsen; required when an appeal is closed as forwarded.
    public static let forwardedTo = FieldSpec(
        "forwardedTo", .text(max: 200), "where the case went, e.g. Ankestyrelsen; required when an appeal is forwarded",
        label: LocalizedText(da: "Sendt videre til", en: "Forwarded to")
    )

    /// Every kernel action field.
    public static let all = [citizenConsent, wantsWrittenAnswer, forwardedTo]

    /// The specs that validate `action`'s fields: its own, plus the kernel's it does not declare itself.
    public static func specs(for action: WorkflowAction) -> [FieldSpec] {
        action.fields + all.filter { kernel in !action.fields.contains { $0.name == kernel.name } }
    }

    /// The citizen's choice of a written answer recorded on `complaint`, if any.
    public static func wantsWrittenAnswer(_ complaint: Complaint) -> Bool? {
        complaint.fields[wantsWrittenAnswer.name]?.boolValue
    }
}
