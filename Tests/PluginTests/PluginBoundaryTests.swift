import Foundation
import Testing

/// Plug-ins import KlageKernel only (and Foundation): the boundary DESIGN.md draws.
@Suite struct PluginBoundaryTests {
    @Test func pluginsImportNothingButTheKernel() throws {
        let plugins = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Plugins").standardized
        let files =
            FileManager.default.enumerator(at: plugins, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        #expect(files.count >= 8, "found the plug-in sources")
        for file in files {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                let words = line.split(separator: " ")
                guard let index = words.firstIndex(of: "import"), index <= 2 else { continue }
                let module = words.count > index + 1 ? String(words[index + 1]) : ""
                #expect(["KlageKernel", "Foundation"].contains(module), "\(file.lastPathComponent) imports \(module)")
            }
        }
    }
}
