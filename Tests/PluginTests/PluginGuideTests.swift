import Foundation
import Testing

/// The plug-in guide's code compiles: every Swift block of `WritingAPlugin.md` and `Plugins/README.md`
/// is quoted from a file that is built and tested (a plug-in, or a plug-in test), so the guide cannot
/// show code that no longer works.
@Suite struct PluginGuideTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let guides = ["Sources/KlageKernel/KlageKernel.docc/WritingAPlugin.md", "Plugins/README.md"]

    /// The text with every run of whitespace as one space, so that indentation and line breaks do not count.
    static func flattened(_ text: some StringProtocol) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The Swift code blocks of a Markdown text.
    static func swiftBlocks(in markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.trimmingCharacters(in: .whitespaces) == "```swift" {
                current = []
            } else if let lines = current, line.trimmingCharacters(in: .whitespaces) == "```" {
                blocks.append(lines.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    /// Every compiled file a guide may quote, flattened.
    static func compiledSources() throws -> [String] {
        let files = ["Plugins", "Tests/PluginTests"].flatMap { folder in
            FileManager.default.enumerator(at: repository.appendingPathComponent(folder), includingPropertiesForKeys: nil)?
                .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        }
        return try files.map { flattened(try String(contentsOf: $0, encoding: .utf8)) }
    }

    @Test func everySwiftBlockOfTheGuidesIsQuotedFromCompiledCode() throws {
        let sources = try Self.compiledSources()
        var quoted = 0
        for guide in Self.guides {
            let markdown = try String(contentsOf: Self.repository.appendingPathComponent(guide), encoding: .utf8)
            for block in Self.swiftBlocks(in: markdown) {
                let code = Self.flattened(block)
                #expect(sources.contains { $0.contains(code) }, "\(guide) shows code no compiled file has: \(code.prefix(120))…")
                quoted += 1
            }
        }
        #expect(quoted >= 10, "found the guide's Swift blocks")
    }

    @Test func theGuideQuotesTheExampleAndTellsWhatAPluginImports() throws {
        let guide = try String(contentsOf: Self.repository.appendingPathComponent(Self.guides[0]), encoding: .utf8)
        #expect(Self.flattened(guide).contains("```swift public import KlagePluginAPI"))
        for file in ["ExampleAcknowledgement.swift", "Notes.swift", "FollowUp.swift", "FollowUps.swift"] {
            let source = Self.flattened(
                try String(contentsOf: Self.repository.appendingPathComponent("Plugins/ExampleAcknowledgement/\(file)"), encoding: .utf8))
            #expect(Self.swiftBlocks(in: guide).contains { source.contains(Self.flattened($0)) }, "the guide quotes nothing of \(file)")
        }
    }
}
