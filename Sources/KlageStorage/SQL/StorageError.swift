/// The error storage drivers and repositories throw; mapped to ``KlageKernel/KlageError`` at the store's edge.
///
/// `description` never holds bound values or engine messages with data; `debugDescription` has the engine's words.
public struct StorageError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong, from a closed but growable list.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable { case constraint, unavailable, corruptRow, badURL, engine, migration }
        fileprivate let base: Base
        /// A unique, foreign-key or check constraint failed.
        public static let constraint = Code(base: .constraint)
        /// The database cannot be reached, is locked past its timeout, or refused the connection.
        public static let unavailable = Code(base: .unavailable)
        /// A stored row could not be read back.
        public static let corruptRow = Code(base: .corruptRow)
        /// The database URL is not one Klage understands.
        public static let badURL = Code(base: .badURL)
        /// Any other engine error.
        public static let engine = Code(base: .engine)
        /// A migration failed or the database is newer than this build.
        public static let migration = Code(base: .migration)
        public var description: String { base.rawValue }
    }

    public let code: Code
    /// A message safe to log: no values, no personal data.
    public let message: String
    /// The engine's own words, for operators' debugging only.
    public let detail: String?

    public init(code: Code, message: String, detail: String? = nil) {
        self.code = code
        self.message = message
        self.detail = detail
    }

    public var description: String { "storage \(code): \(message)" }
    public var debugDescription: String { description + (detail.map { " (\($0))" } ?? "") }

    /// The driver was closed; nothing more runs on it.
    public static let closed = StorageError(code: .unavailable, message: "the database connection is closed")

    static func corruptRow(column: String) -> StorageError {
        StorageError(code: .corruptRow, message: "column '\(column)' holds an unexpected value")
    }
}
