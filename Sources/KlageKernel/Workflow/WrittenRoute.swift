public import Foundation

/// The written route to the citizen: letters, e-mail and Digital Post in place of the call the methods prefer.
///
/// Phone is the default (*helst telefonisk*). The written route opens on a complaint in two ways, and the
/// complaint records which in its kernel field `writtenRoute` (`{"opened": "unreachable"}` or
/// `{"opened": "citizen_asked", "reason": "abroad"}`), so figures can keep the two routes apart:
/// - the tenant's number of failed call attempts (`failedCallAttemptsBeforeWrittenRoute`) was reached;
/// - the citizen asked for written contact (`complaint.preferWrittenContact`, with a ``WrittenContactReason``).
///
/// On the written route a written contact that reached the citizen counts where a conversation would: it
/// meets the first-contact clock and satisfies ``WorkflowGuard/citizenReached``.
public enum WrittenRoute {
    /// The kernel field on the complaint that records the open route.
    public static let fieldName = "writtenRoute"

    /// Why the written route opened.
    public enum Opening: String, Sendable, Codable, CaseIterable {
        /// The citizen was not reached in the tenant's number of call attempts.
        case unreachable
        /// The citizen asked for written contact.
        case citizenAsked = "citizen_asked"
    }

    /// Whether the written route is open on `complaint`.
    public static func isOpen(on complaint: Complaint) -> Bool {
        opening(of: complaint) != nil
    }

    /// Why the written route opened on `complaint`, if it did.
    public static func opening(of complaint: Complaint) -> Opening? {
        complaint.fields[fieldName]?["opened"]?.stringValue.flatMap(Opening.init(rawValue:))
    }

    /// The value recorded on the complaint when the route opens.
    static func record(_ opening: Opening, reason: WrittenContactReason? = nil, at time: Date) -> JSONValue {
        var value: [String: JSONValue] = ["opened": .string(opening.rawValue), "at": .string(Timestamp.format(time))]
        if let reason { value["reason"] = .string(reason.rawValue) }
        return .object(value)
    }

    /// Whether `contact` counts as reaching the citizen on `complaint`: a two-way conversation, or on the
    /// written route a letter, e-mail or Digital Post that reached them.
    public static func reachesCitizen(_ contact: Contact, on complaint: Complaint) -> Bool {
        contact.isTwoWayConversation || (contact.reached && contact.kind.isWritten && isOpen(on: complaint))
    }

    /// The first contact that reached the citizen on `complaint`'s route (Roskilde's A), if any.
    public static func firstReach(in contacts: [Contact], on complaint: Complaint) -> Contact? {
        contacts.filter { reachesCitizen($0, on: complaint) }.min { $0.occurredAt < $1.occurredAt }
    }
}

/// Why a citizen asked for written contact. Coarse on purpose: the reason is kept on the complaint and the
/// journey, and says no more about the citizen than the route needs (no diagnosis, no address abroad).
public enum WrittenContactReason: String, Sendable, Codable, CaseIterable {
    /// The citizen cannot use the phone (e.g. deaf, hard of hearing, a speech impairment).
    case cannotUsePhone = "cannot_use_phone"
    /// The citizen lives or stays abroad.
    case abroad
    /// The citizen will not take calls.
    case declinesCalls = "declines_calls"
    /// Another reason the citizen gave.
    case other
}
