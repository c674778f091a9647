import Foundation
import KlagePluginAPI

/// A department with its champion (ildsjæl) and, optionally, its headcount.
struct Department: StorableRecord {
    static let kind = "department"

    var name: String
    /// The champion's name or initials.
    var champion: String
    /// How many staff work in the department.
    var headcount: Int?

    var index: RecordIndex<NoState> { RecordIndex(ref: name) }
}
