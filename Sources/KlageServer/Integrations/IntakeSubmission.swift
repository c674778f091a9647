import Foundation
import KlageKernel

/// What a citizen sends through the intake page or its JSON endpoint, before it becomes a complaint.
///
/// The citizen gives a subject, a description, their name, how to call them back (phone, and e-mail
/// if they like) and when, whether the complaint is about a decision (`aboutDecision`: the appeal track, with
/// its forwarding deadline), and their consent to the processing of these data. `website` is the
/// honeypot: a field people never see, which only robots fill in.
struct IntakeSubmission: Sendable, Decodable {
    var subject = ""
    var description = ""
    var name = ""
    var phone = ""
    var email = ""
    var callbackWhen = ""
    var consent = false
    /// The citizen's answer to "Klager du over en afgørelse?": yes files the complaint on the appeal track.
    var aboutDecision = false
    var website = ""

    init() {}

    /// A form body that cannot be read: a bad percent escape, bytes that are not UTF-8, a field given twice.
    struct Unreadable: Error, Equatable {
        let reason: String
    }

    /// Reads an `application/x-www-form-urlencoded` body (the page's form), strictly: a field the
    /// form has may appear once; fields it does not have are ignored.
    ///
    /// - Returns: the submission and the form's token (``IntakeFormToken``), if it carried one.
    /// - Throws: ``Unreadable``.
    static func form(_ body: some Collection<UInt8>) throws(Unreadable) -> (submission: IntakeSubmission, token: String?) {
        var submission = IntakeSubmission()
        var token: String?
        var seen: Set<String> = []
        for pair in body.split(separator: UInt8(ascii: "&")) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let key = try decode(parts[0])
            let value = parts.count > 1 ? try decode(parts[1]) : ""
            guard CodingKeys(rawValue: key) != nil || key == "token" else { continue }
            guard seen.insert(key).inserted else { throw Unreadable(reason: "the field \(key) is given twice") }
            switch key {
            case "subject": submission.subject = value
            case "description": submission.description = value
            case "name": submission.name = value
            case "phone": submission.phone = value
            case "email": submission.email = value
            case "callbackWhen": submission.callbackWhen = value
            case "consent": submission.consent = value == "yes" || value == "on" || value == "true"
            case "aboutDecision": submission.aboutDecision = value == "yes" || value == "on" || value == "true"
            case "website": submission.website = value
            default: token = value
            }
        }
        return (submission, token)
    }

    /// One form-encoded name or value: `+` is a space, `%XX` a byte; the bytes must be UTF-8.
    private static func decode(_ encoded: some Collection<UInt8>) throws(Unreadable) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count)
        var index = encoded.startIndex
        while index != encoded.endIndex {
            let byte = encoded[index]
            index = encoded.index(after: index)
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard index != encoded.endIndex, let high = hexValue(encoded[index]) else { throw Unreadable(reason: "a % escape is not valid") }
                index = encoded.index(after: index)
                guard index != encoded.endIndex, let low = hexValue(encoded[index]) else { throw Unreadable(reason: "a % escape is not valid") }
                index = encoded.index(after: index)
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw Unreadable(reason: "the form is not UTF-8") }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    enum CodingKeys: String, CodingKey { case subject, description, name, phone, email, callbackWhen, consent, aboutDecision, website }

    /// Reads the JSON endpoint's body; absent fields are empty.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        subject = try container.decodeIfPresent(String.self, forKey: .subject) ?? ""
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        phone = try container.decodeIfPresent(String.self, forKey: .phone) ?? ""
        email = try container.decodeIfPresent(String.self, forKey: .email) ?? ""
        callbackWhen = try container.decodeIfPresent(String.self, forKey: .callbackWhen) ?? ""
        consent = try container.decodeIfPresent(Bool.self, forKey: .consent) ?? false
        aboutDecision = try container.decodeIfPresent(Bool.self, forKey: .aboutDecision) ?? false
        website = try container.decodeIfPresent(String.self, forKey: .website) ?? ""
    }

    /// Whether a robot filled in the field people never see.
    var isRobot: Bool { !website.isEmpty }

    /// The complaint draft for `workflow`, with channel `web` and the receipt as its external reference; on the
    /// appeal track when the citizen said it is about a decision.
    /// - Throws: a validation error naming the first field that is missing or too long.
    func draft(workflow: WorkflowID, receipt: String) throws -> NewComplaint {
        let trimmed = { (text: String) in text.trimmingCharacters(in: .whitespacesAndNewlines) }
        for (field, value, maximum) in [
            ("subject", subject, 200), ("description", description, 5_000), ("name", name, 200), ("phone", phone, 40),
            ("email", email, 200), ("callbackWhen", callbackWhen, 200),
        ] {
            if value.count > maximum { throw KlageError.validation(field: field, reason: "at most \(maximum) characters") }
            // NUL and other control characters: line breaks (and tabs) belong in the description only.
            let allowed: Set<Unicode.Scalar> = field == "description" ? ["\n", "\r", "\t"] : []
            if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) {
                throw KlageError.validation(field: field, reason: "must not contain control characters")
            }
        }
        guard !trimmed(subject).isEmpty else { throw KlageError.validation(field: "subject", reason: "write what the complaint is about") }
        guard !trimmed(description).isEmpty else { throw KlageError.validation(field: "description", reason: "describe what happened") }
        guard !trimmed(name).isEmpty else { throw KlageError.validation(field: "name", reason: "give your name") }
        guard !trimmed(phone).isEmpty || !trimmed(email).isEmpty else {
            throw KlageError.validation(field: "phone", reason: "give a phone number (or an e-mail address) to be called back on")
        }
        guard consent else { throw KlageError.validation(field: "consent", reason: "consent is needed to handle the complaint") }
        var text = trimmed(description)
        if !trimmed(callbackWhen).isEmpty { text += "\n\nØnsket tidspunkt for opringning: " + trimmed(callbackWhen) }
        return NewComplaint(
            workflow: workflow, track: aboutDecision ? .appeal : .dissatisfaction, channel: .web, subject: trimmed(subject), description: text,
            citizen: Citizen(
                name: trimmed(name), phone: trimmed(phone).isEmpty ? nil : trimmed(phone), email: trimmed(email).isEmpty ? nil : trimmed(email)),
            externalRef: receipt)
    }

    /// A new receipt number: `WEB-` and ten random letters and digits (no 0/O or 1/I).
    static func newReceipt() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return "WEB-" + String((0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

}
