public import Foundation

/// Temporary folders for test databases, under the system's temporary directory.
public enum TemporaryFolder {
    /// A new, empty folder.
    public static func make() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("klage-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
