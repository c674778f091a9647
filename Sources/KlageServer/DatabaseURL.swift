import Foundation

/// A parsed database URL: `sqlite:PATH`, or `postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?host=/socket/dir]`.
///
/// `description` hides the password, so the URL can be logged.
public enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(String)

    /// Parses a URL. - Throws: ``ConfigurationError`` for anything else.
    public init(_ text: String) throws {
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw ConfigurationError(message: "a sqlite: URL needs a path, e.g. sqlite:data/klage.sqlite") }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            guard let components = URLComponents(string: text) else {
                throw ConfigurationError(
                    message: "the postgres:// URL is malformed: check the port, and percent-encode special characters in the password")
            }
            guard components.path.count > 1 else {
                throw ConfigurationError(message: "a postgres:// URL needs a database name, e.g. postgres://klage@localhost/klage")
            }
            self = .postgres(text)
        } else {
            throw ConfigurationError(message: "the database URL must start with sqlite: or postgres://")
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url):
            guard var components = URLComponents(string: url) else { return "postgres://…" }
            if components.password != nil { components.password = "***" }
            components.queryItems = components.queryItems?.map { item in
                item.name.lowercased().contains("password") ? URLQueryItem(name: item.name, value: "***") : item
            }
            return components.string ?? "postgres://…"
        }
    }
}
