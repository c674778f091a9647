import Foundation

/// A stored row that does not decode into its record.
struct StorageRowError: Error, CustomStringConvertible {
    var description: String { "the stored row does not decode" }
}

extension Complaint {
    /// Whether `other`, a new registration under the same external reference, says what this one said:
    /// the same workflow, track, channel, texts, citizen, department and fields (and receipt time, when given).
    /// The written route the kernel records on the complaint later is not part of what was registered.
    func isSameRegistration(as other: Complaint, receivedAtGiven: Bool) -> Bool {
        workflow == other.workflow && track == other.track && channel == other.channel && subject == other.subject
            && description == other.description && remedy == other.remedy && citizen == other.citizen
            && department == other.department && fields.filter({ $0.key != WrittenRoute.fieldName }) == other.fields
            && (!receivedAtGiven || ClientTime.wholeSecond(receivedAt) == ClientTime.wholeSecond(other.receivedAt))
    }
}
