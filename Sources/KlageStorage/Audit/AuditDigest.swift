import Crypto
import Foundation
import KlageKernel

/// The SHA-256 digests of the audit chain: of a source row's audited content, and of an entry.
///
/// A digest covers the non-personal identity of its row, the fields lawful anonymisation keeps, so
/// that an anonymised complaint's entries still verify: for an event its id, tenant, complaint or
/// learning item, time, type, actor and summary (never personal data), not its `data`, which
/// anonymisation scrubs; for a read the tenant, complaint, time, reader and purpose.
enum AuditDigest {
    /// Lower-case hex SHA-256 of `text`'s UTF-8 bytes.
    static func sha256(_ text: String) -> String {
        Hex.string(SHA256.hash(data: Data(text.utf8)))
    }

    /// Fields joined with U+001F, which no id, type or time contains.
    static func digest(_ fields: [String]) -> String {
        sha256(fields.joined(separator: "\u{1F}"))
    }

    /// The digest of an event's audited content.
    static func digest(of event: DomainEvent) -> String {
        digest([
            "event", event.tenant.rawValue, event.id.rawValue, event.complaintId?.rawValue ?? "", event.learningItemId?.rawValue ?? "",
            String(AuditEntry.milliseconds(event.at)), event.type.rawValue, event.actor, event.summary,
        ])
    }

    /// The digest of a recorded read.
    static func digest(of read: AccessRecord) -> String {
        digest([
            "read", read.tenant.rawValue, read.complaintId.rawValue, String(AuditEntry.milliseconds(read.at)), read.actor, read.actorLabel,
            read.purpose,
        ])
    }

    /// The hash of an entry: SHA-256 of the previous entry's hash followed by the entry's canonical text.
    static func hash(previous: String, canonicalText: String) -> String {
        sha256(previous + canonicalText)
    }
}
