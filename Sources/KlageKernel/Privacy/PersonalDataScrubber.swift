import Foundation

/// Replaces the free text of stored JSON (plug-in fields, event data, plug-in records) when a complaint
/// is anonymised, keeping what the figures and the records' shape need.
///
/// Booleans, numbers and `null` are kept. A string is kept only under a structural key: an id
/// (`id`, `…Id`), a time (`…At`), or one of ``structuralKeys`` (states, kinds, channels, outcomes,
/// deadline names, departments, assignees); every other string becomes ``marker``. Arrays and objects
/// are scrubbed member by member, so a plug-in's stored record still decodes.
///
/// ```swift
/// PersonalDataScrubber.scrub(["who": "Jens", "dueAt": "2026-11-25T09:30:00Z", "late": false])
/// // ["who": "(anonymised)", "dueAt": "2026-11-25T09:30:00Z", "late": false]
/// ```
public enum PersonalDataScrubber {
    /// What anonymised text reads as.
    public static let marker = "(anonymised)"

    /// Keys whose string values are codes or staff references, never the citizen's words.
    public static let structuralKeys: Set<String> = [
        "state", "kind", "channel", "track", "action", "outcome", "deadline", "type", "department", "assignee",
        "fromDepartment", "toDepartment", "fromAssignee", "toAssignee", "plugin", "decision", "role", "recordedBy",
        // The contact route: how the written route opened and which route a contact went by (the citizen's reason is scrubbed).
        "opened", "route",
    ]

    /// An object with its free text replaced.
    public static func scrub(_ object: [String: JSONValue]) -> [String: JSONValue] {
        object.reduce(into: [:]) { result, member in result[member.key] = scrub(member.value, key: member.key) }
    }

    /// A value under `key` with its free text replaced.
    public static func scrub(_ value: JSONValue, key: String?) -> JSONValue {
        switch value {
        case .null, .bool, .number: value
        case .string: key.map(isStructural) == true ? value : .string(marker)
        case .array(let items): .array(items.map { scrub($0, key: key) })
        case .object(let object): .object(scrub(object))
        }
    }

    static func isStructural(_ key: String) -> Bool {
        key == "id" || key.hasSuffix("Id") || key.hasSuffix("At") || structuralKeys.contains(key)
    }
}
