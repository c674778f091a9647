/// A column of a plug-in's table in the console: a key of the items listed and how to show its value.
public struct PanelColumn: Sendable, Hashable, Encodable {
    /// How a value is shown.
    public enum Format: String, Sendable, Hashable, Encodable {
        /// As it is.
        case text
        /// An RFC 3339 time, as a date and time in the reader's language.
        case time
        /// A list, its items joined by commas.
        case list
        /// A list, by its number of items.
        case count
        /// `true` or `false`, as yes or no.
        case yesNo
        /// Who acted: an actor's id (a person's `person:<id>`, a key's id), shown by their name.
        case person
        /// A list of objects, as a table of the section's `columns` (documents only).
        case table
    }

    /// The item's key, e.g. `dueAt`.
    public let key: String
    /// The column's heading.
    public let title: LocalizedText
    /// How the value is shown.
    public let format: Format

    public init(_ key: String, _ title: LocalizedText, format: Format = .text) {
        self.key = key
        self.title = title
        self.format = format
    }

    /// A stored record's state, which the store keeps beside its body.
    public static let state = PanelColumn("state", LocalizedText(da: "Tilstand", en: "State"))
    /// A stored record's due time, which the store keeps beside its body.
    public static let dueAt = PanelColumn("dueAt", LocalizedText(da: "Frist", en: "Due"), format: .time)
}

/// A table on the console's page of a complaint, for tenants that enable the plug-in: the items one of
/// the plug-in's operations lists for the complaint (its result's `items`), e.g. Copenhagen's agreed tasks.
/// See the example plug-in's `FollowUps.panel` in <doc:WritingAPlugin>.
public struct ComplaintPanel: Sendable, Hashable, Encodable {
    /// `<plugin>.<name>`; the console's element id replaces the dot with a dash (`borgerkontakt-tasks`).
    public let id: String
    /// The section's heading.
    public let title: LocalizedText
    /// What the section says when the list is empty.
    public let empty: LocalizedText
    /// The plug-in's operation that lists the items.
    public let method: String
    /// The operation's param that takes the complaint's id.
    public let complaintParam: String
    /// The table's columns.
    public let columns: [PanelColumn]
    /// When set, each item is also a document of its own, to read and print for the case system's file.
    public let document: ComplaintDocument?

    /// Declares a complaint panel listing what `operation` returns when `complaintId` is the complaint's id.
    public init<Value>(
        _ id: String, title: LocalizedText, empty: LocalizedText, lists operation: PluginOperation, complaintId: Field<Value>,
        columns: [PanelColumn], document: ComplaintDocument? = nil
    ) {
        self.id = id
        self.title = title
        self.empty = empty
        method = operation.name
        complaintParam = complaintId.name
        self.columns = columns
        self.document = document
    }
}

/// How each item of a complaint panel reads as a document of its own: a page the console shows and
/// prints, with the complaint's reference, ready to file in the case system, e.g. Copenhagen's note
/// under §13 of the Access to Public Administration Files Act of each completed conversation.
///
/// ```swift
/// ComplaintDocument(
///     title: LocalizedText(da: "Notat efter § 13", en: "Note under § 13"), key: "contactId",
///     sections: [.init("occurredAt", LocalizedText(da: "Tidspunkt", en: "When"), format: .time)])
/// ```
public struct ComplaintDocument: Sendable, Hashable, Encodable {
    /// One part of the document: an item's value under a heading.
    public struct Section: Sendable, Hashable, Encodable {
        /// The item's key.
        public let key: String
        /// The section's heading.
        public let title: LocalizedText
        /// How the value is shown; `.table` shows a list of objects in `columns`.
        public let format: PanelColumn.Format
        /// The columns of a `.table` section.
        public let columns: [PanelColumn]

        public init(_ key: String, _ title: LocalizedText, format: PanelColumn.Format = .text, columns: [PanelColumn] = []) {
            self.key = key
            self.title = title
            self.format = format
            self.columns = columns
        }
    }

    /// The document's heading.
    public let title: LocalizedText
    /// The item's key that names it uniquely among the complaint's, e.g. `contactId`.
    public let key: String
    /// The document's parts, in order.
    public let sections: [Section]

    public init(title: LocalizedText, key: String, sections: [Section]) {
        self.title = title
        self.key = key
        self.sections = sections
    }
}

/// A page of the plug-in's own in the console (a menu entry for the roles given), for tenants that
/// enable the plug-in: sections, each a table of the items a method lists, e.g. Gladsaxe's board of
/// learning items, meetings and actions.
public struct ConsoleBoard: Sendable, Hashable, Encodable {
    /// One table of a board.
    public struct Section: Sendable, Hashable, Encodable {
        /// A name unique on the board; the element id is `board-<id>`.
        public let id: String
        /// The section's heading.
        public let title: LocalizedText
        /// The method that lists the items (its result's `items`).
        public let method: String
        /// The params the method is called with.
        public let params: [String: JSONValue]
        /// The table's columns.
        public let columns: [PanelColumn]

        /// A section listing what one of the plug-in's operations returns, called without params.
        public init(_ id: String, title: LocalizedText, lists operation: PluginOperation, columns: [PanelColumn]) {
            self.init(id, title: title, method: operation.name, columns: columns)
        }

        /// A section listing what a kernel method returns, e.g. `learning.list` with `["limit": 50]`.
        public init(_ id: String, title: LocalizedText, method: String, params: [String: JSONValue] = [:], columns: [PanelColumn]) {
            self.id = id
            self.title = title
            self.method = method
            self.params = params
            self.columns = columns
        }
    }

    /// `<plugin>.<name>`; its page is `#/board/<id>`.
    public let id: String
    /// The page's heading and menu entry.
    public let title: LocalizedText
    /// The roles that see it (admins see what leaders see, leaders what caseworkers see).
    public let roles: Set<Role>
    /// The page's tables, in order.
    public let sections: [Section]

    public init(_ id: String, title: LocalizedText, roles: Set<Role> = [.leader], sections: [Section]) {
        self.id = id
        self.title = title
        self.roles = roles
        self.sections = sections
    }
}
