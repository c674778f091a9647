import Foundation
import Testing

/// Plug-ins see the kernel through its face, `KlagePluginAPI`, and nothing else: they import it (and
/// Foundation) only, their targets depend on it only, and the face re-exports only what they use.
@Suite struct PluginBoundaryTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The text of every Swift file under `folder` of the repository.
    static func swiftSources(under folder: String) throws -> [(name: String, text: String)] {
        let root = repository.appendingPathComponent(folder)
        let files =
            FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        return try files.map { ($0.path.replacingOccurrences(of: root.path + "/", with: ""), try String(contentsOf: $0, encoding: .utf8)) }
    }

    /// The modules a Swift file imports.
    static func imports(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            guard let index = words.firstIndex(of: "import"), index <= 2, words.count > index + 1 else { return nil }
            return String(words[index + 1])
        }
    }

    @Test func pluginsImportNothingButTheFace() throws {
        let files = try Self.swiftSources(under: "Plugins")
        #expect(files.count >= 8, "found the plug-in sources")
        for file in files {
            for module in Self.imports(in: file.text) {
                #expect(["KlagePluginAPI", "Foundation"].contains(module), "\(file.name) imports \(module)")
            }
        }
    }

    @Test func pluginTargetsListTheFaceAndTheKernelForTheBuildOnly() throws {
        let manifest = try String(contentsOf: Self.repository.appendingPathComponent("Package.swift"), encoding: .utf8)
        let pluginTargets = manifest.split(separator: "\n").filter { $0.contains("path: \"Plugins/") }
        #expect(pluginTargets.count == 1, "one line of Package.swift makes every plug-in's target")
        // The kernel is listed so that SwiftPM rebuilds plug-ins when it changes; what they see is the face.
        for line in pluginTargets {
            #expect(
                line.contains("dependencies: [\"KlagePluginAPI\", \"KlageKernel\", \"KlageValues\"]"),
                "a plug-in target depends on more than the face: \(line)")
        }
    }

    /// Each name the face re-exports is named by a plug-in or by a snippet of the guide; the face stays
    /// the plug-ins' vocabulary, not a second door to the whole kernel.
    @Test func theFaceExportsWhatPluginsUseAndNothingElse() throws {
        let face = try Self.swiftSources(under: "Sources/KlagePluginAPI")
        let exported = face.flatMap { $0.text.split(separator: "\n") }.filter { $0.hasPrefix("@_exported") }
            .compactMap { $0.split(separator: ".").last.map(String.init) }
        #expect(exported.count >= 30 && exported.count <= 60, "the face re-exports \(exported.count) declarations")
        let guide = try String(
            contentsOf: Self.repository.appendingPathComponent("Sources/KlageKernel/KlageKernel.docc/WritingAPlugin.md"), encoding: .utf8)
        let named = Set(
            (try Self.swiftSources(under: "Plugins").map(\.text) + [guide]).joined(separator: "\n")
                .split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
        for name in exported {
            #expect(named.contains(name), "the face re-exports \(name), which no plug-in and no guide snippet names")
        }
    }
}
