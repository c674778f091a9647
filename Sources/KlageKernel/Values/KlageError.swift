/// The one error type the kernel throws: a code from a closed list, a safe message, and for
/// validation failures the field and reason.
///
/// `description` never contains citizen data or bound values; it is safe to log and to send.
///
/// ```swift
/// throw KlageError.validation(field: "subject", reason: "must not be empty")
/// ```
public struct KlageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; new codes can be added without breaking callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable {
            case unauthenticated, forbidden, notFound, conflict, validation, unavailable, rateLimited, internalError
        }
        fileprivate let base: Base

        /// Missing, unknown or revoked credentials.
        public static let unauthenticated = Code(base: .unauthenticated)
        /// The caller's role may not do this.
        public static let forbidden = Code(base: .forbidden)
        /// The thing does not exist, or belongs to another tenant.
        public static let notFound = Code(base: .notFound)
        /// A stale version, a duplicate, or an action the workflow does not allow now.
        public static let conflict = Code(base: .conflict)
        /// Input that breaks a rule; `field` and `reason` say which and why.
        public static let validation = Code(base: .validation)
        /// A dependency (the database) cannot be reached right now; retrying may succeed.
        public static let unavailable = Code(base: .unavailable)
        /// The caller sends too much, too fast.
        public static let rateLimited = Code(base: .rateLimited)
        /// A fault inside Klage.
        public static let internalError = Code(base: .internalError)

        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// A message safe to show to the caller and to log.
    public let message: String
    /// For validation failures: the offending field's path, e.g. `citizen.phone`.
    public let field: String?
    /// For validation failures: what is wrong with the field.
    public let reason: String?

    public init(code: Code, message: String, field: String? = nil, reason: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(code): \(message)" }

    /// Missing, unknown or revoked credentials.
    public static func unauthenticated(_ message: String = "missing, unknown or revoked API key") -> KlageError {
        KlageError(code: .unauthenticated, message: message)
    }

    /// The caller's role may not do this.
    public static func forbidden(_ message: String = "this role may not do that") -> KlageError {
        KlageError(code: .forbidden, message: message)
    }

    /// Not found; used for other tenants' ids too, with the same wording.
    public static func notFound(_ what: String) -> KlageError {
        KlageError(code: .notFound, message: "\(what) not found")
    }

    /// A conflict with the current state.
    public static func conflict(_ message: String) -> KlageError {
        KlageError(code: .conflict, message: message)
    }

    /// The complaint's processing is restricted (GDPR art. 18, or 17(3)(b) where records must be kept).
    public static func restricted() -> KlageError {
        KlageError(
            code: .conflict,
            message: "the complaint's processing is restricted at the citizen's request (GDPR art. 18); it is kept but not processed further")
    }

    /// A stale optimistic-concurrency version.
    public static func staleVersion(expected: Int, current: Int) -> KlageError {
        KlageError(code: .conflict, message: "version \(expected) is stale; the current version is \(current)")
    }

    /// A field that breaks a rule.
    public static func validation(field: String, reason: String) -> KlageError {
        KlageError(code: .validation, message: "invalid field '\(field)': \(reason)", field: field, reason: reason)
    }

    /// Storage cannot be reached right now.
    public static func unavailable(_ message: String = "storage is unavailable; try again") -> KlageError {
        KlageError(code: .unavailable, message: message)
    }

    /// A fault inside Klage; the message is generic on purpose.
    public static func internalError(_ message: String = "internal error") -> KlageError {
        KlageError(code: .internalError, message: message)
    }
}
