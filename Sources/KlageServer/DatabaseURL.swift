import Foundation

/// A parsed database URL: `sqlite:PATH`, or `postgres://USER[:PASSWORD]@HOST[:PORT][,HOST[:PORT]…]/DB[?host=/socket/dir]`
/// (several hosts for a failover: libpq tries them in order, and `target_session_attrs=read-write` takes the primary).
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
            guard let components = Self.components(of: text)?.components else {
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
            guard var (components, hosts) = Self.components(of: url) else { return "postgres://…" }
            if components.password != nil { components.password = "***" }
            components.queryItems = components.queryItems?.map { item in
                item.name.lowercased().contains("password") ? URLQueryItem(name: item.name, value: "***") : item
            }
            guard let hosts, let text = components.string, let first = components.host else { return components.string ?? "postgres://…" }
            // The host list goes back where the first host stood.
            let authority = first + (components.port.map { ":\($0)" } ?? "")
            return text.replacingOccurrences(of: "@" + authority + "/", with: "@" + hosts + "/")
                .replacingOccurrences(of: "://" + authority + "/", with: "://" + hosts + "/")
        }
    }

    /// The URL's parts, read by `URLComponents` with only the first of several hosts
    /// (`postgres://klage@db1:5432,db2:5432/klage?target_session_attrs=read-write`, which libpq tries
    /// in order for a failover), and the whole host list when there are several; `nil` when malformed.
    private static func components(of text: String) -> (components: URLComponents, hosts: String?)? {
        guard let schemeEnd = text.range(of: "://") else { return nil }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let userEnd = authority.lastIndex(of: "@").map { authority.index(after: $0) } ?? authority.startIndex
        let hosts = authority[userEnd...]
        guard hosts.contains(",") else { return URLComponents(string: text).map { ($0, nil) } }
        let list = hosts.split(separator: ",", omittingEmptySubsequences: false)
        // Each host of the list must parse on its own.
        for host in list where host.isEmpty || URLComponents(string: "postgres://\(host)/x")?.host?.isEmpty != false {
            return nil
        }
        let single = text[..<hosts.startIndex] + list[0] + text[hosts.endIndex...]
        return URLComponents(string: String(single)).map { ($0, String(hosts)) }
    }
}
