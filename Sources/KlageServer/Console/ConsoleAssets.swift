import Crypto
import Foundation
import KlageKernel

/// The console's static files (`Console/Public`, a SwiftPM resource), read once at start-up into memory.
///
/// Found beside the executable (`klage_KlageServer.resources/Public`, where SwiftPM puts them), in
/// `KLAGE_CONSOLE_ASSETS` when set, or in the source tree of a development build. Without them the
/// console is off and the server logs it; the JSON-RPC API is unaffected.
struct ConsoleAssets: Sendable {
    /// One file: its bytes, content type and strong ETag, and its bytes gzipped when that pays (``Gzip``).
    struct Asset: Sendable {
        let data: Data
        let contentType: String
        let etag: String
        let gzipped: Data?

        init(data: Data, contentType: String, etag: String) {
            self.data = data
            self.contentType = contentType
            self.etag = etag
            // Images are compressed already.
            self.gzipped = contentType.hasPrefix("image/png") || contentType.hasPrefix("image/x-icon") ? nil : Gzip.compress(data)
        }

        /// The ETag of the gzipped bytes: another representation, another tag.
        var gzippedETag: String { String(etag.dropLast()) + "-gzip\"" }
    }

    /// The files by URL path under `/console/` (`js/app.js`), `index.html` among them.
    let files: [String: Asset]

    /// The folder the files were read from, when found.
    let folder: URL?

    /// Loads the first folder found.
    static func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> ConsoleAssets {
        for folder in candidates(environment: environment)
        where FileManager.default.fileExists(atPath: folder.appendingPathComponent("index.html").path) {
            return ConsoleAssets(files: read(folder), folder: folder)
        }
        return ConsoleAssets(files: [:], folder: nil)
    }

    private static func candidates(environment: [String: String]) -> [URL] {
        var folders: [URL] = []
        if let explicit = environment["KLAGE_CONSOLE_ASSETS"] { folders.append(URL(fileURLWithPath: explicit)) }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for base in [executable, Bundle.main.bundleURL, executable.deletingLastPathComponent()] {
            folders.append(base.appendingPathComponent("klage_KlageServer.resources/Public"))
        }
        folders.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Public"))
        return folders
    }

    private static func read(_ folder: URL) -> [String: Asset] {
        var files: [String: Asset] = [:]
        let root = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true, let data = try? Data(contentsOf: url) else {
                continue
            }
            let path = String(url.standardizedFileURL.path.dropFirst(root.count + 1))
            guard !path.hasPrefix("."), let type = contentType(of: path) else { continue }
            let etag = "\"" + String(Hex.string(SHA256.hash(data: data)).prefix(32)) + "\""
            files[path] = Asset(data: data, contentType: type, etag: etag)
        }
        return files
    }

    /// The content type of a file served, by extension; `nil` for files not served (such as READMEs).
    static func contentType(of path: String) -> String? {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "json": "application/json"
        case "txt": "text/plain; charset=utf-8"
        default: nil
        }
    }
}
