import Foundation
import KlageKernel

/// What a citizen sends through the intake page or its JSON endpoint, before it becomes a complaint.
///
/// The citizen gives a subject, a description, their name, how to call them back (phone, and e-mail
/// if they like) and when, and their consent to the processing of these data. `website` is the
/// honeypot: a field people never see, which only robots fill in.
struct IntakeSubmission: Sendable, Decodable {
    var subject = ""
    var description = ""
    var name = ""
    var phone = ""
    var email = ""
    var callbackWhen = ""
    var consent = false
    var website = ""

    init() {}

    /// Reads an `application/x-www-form-urlencoded` body (the page's form).
    init(form: String) {
        for pair in form.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            switch key {
            case "subject": subject = value
            case "description": description = value
            case "name": name = value
            case "phone": phone = value
            case "email": email = value
            case "callbackWhen": callbackWhen = value
            case "consent": consent = value == "yes" || value == "on" || value == "true"
            case "website": website = value
            default: continue
            }
        }
    }

    private enum CodingKeys: String, CodingKey { case subject, description, name, phone, email, callbackWhen, consent, website }

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
        website = try container.decodeIfPresent(String.self, forKey: .website) ?? ""
    }

    /// Whether a robot filled in the field people never see.
    var isRobot: Bool { !website.isEmpty }

    /// The complaint draft for `workflow`, with channel `web` and the receipt as its external reference.
    /// - Throws: a validation error naming the first field that is missing or too long.
    func draft(workflow: WorkflowID, receipt: String) throws -> NewComplaint {
        let trimmed = { (text: String) in text.trimmingCharacters(in: .whitespacesAndNewlines) }
        for (field, value, maximum) in [
            ("subject", subject, 200), ("description", description, 5_000), ("name", name, 200), ("phone", phone, 40),
            ("email", email, 200), ("callbackWhen", callbackWhen, 200),
        ] where value.count > maximum {
            throw KlageError.validation(field: field, reason: "at most \(maximum) characters")
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
            workflow: workflow, channel: .web, subject: trimmed(subject), description: text,
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

    private static func decode(_ text: Substring) -> String {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }
}
