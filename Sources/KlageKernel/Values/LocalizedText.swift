/// Words people read, in the console's two languages: every title a plug-in declares (workflows, states,
/// actions, deadlines, fields, panels) carries both, so no English word reaches the Danish page.
///
/// ```swift
/// WorkflowState("received", title: LocalizedText(da: "Modtaget", en: "Received"))
/// ```
public struct LocalizedText: Sendable, Hashable, Codable {
    /// Danish, the console's default.
    public let da: String
    /// English.
    public let en: String

    public init(da: String, en: String) {
        self.da = da
        self.en = en
    }

    /// The same words in both languages, for what has no translation: a name, a code, a test's label.
    public static func same(_ text: String) -> LocalizedText {
        LocalizedText(da: text, en: text)
    }
}
