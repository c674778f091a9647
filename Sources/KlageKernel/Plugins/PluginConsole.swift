/// What the web console shows of plug-ins: tables on a complaint's page, pages of their own, and the
/// titles of their attention kinds. The console renders these and names no plug-in itself.
public struct PluginConsole: Sendable, Encodable {
    /// Tables on a complaint's page.
    public let complaintPanels: [ComplaintPanel]
    /// Pages of their own.
    public let boards: [ConsoleBoard]
    /// The title of each attention kind, by its name.
    public let attentionKinds: [String: LocalizedText]
    /// The title of each of the plug-ins' event types on a complaint's journey, by its name.
    public let eventTitles: [String: LocalizedText]

    init(
        complaintPanels: [ComplaintPanel], boards: [ConsoleBoard], attentionKinds: [String: LocalizedText], eventTitles: [String: LocalizedText]
    ) {
        self.complaintPanels = complaintPanels
        self.boards = boards
        self.attentionKinds = attentionKinds
        self.eventTitles = eventTitles
    }

    /// What one plug-in registered.
    init(_ registrar: PluginRegistrar) {
        self.init(
            complaintPanels: registrar.complaintPanels, boards: registrar.boards,
            attentionKinds: Dictionary(uniqueKeysWithValues: registrar.attentionKinds.map { ($0.key.rawValue, $0.value) }),
            eventTitles: Dictionary(uniqueKeysWithValues: registrar.eventTitles.map { ($0.key.rawValue, $0.value) }))
    }

    /// The plug-ins' declarations merged in order, with only the boards `role` may see.
    init(merging consoles: [PluginConsole], for role: Role) {
        let viewer = Principal(id: "console", tenant: nil, role: role, label: "console")
        self.init(
            complaintPanels: consoles.flatMap(\.complaintPanels),
            boards: consoles.flatMap(\.boards).filter { viewer.holds(anyOf: $0.roles) },
            attentionKinds: consoles.reduce(into: [:]) { kinds, console in kinds.merge(console.attentionKinds) { first, _ in first } },
            eventTitles: consoles.reduce(into: [:]) { titles, console in titles.merge(console.eventTitles) { first, _ in first } })
    }
}
