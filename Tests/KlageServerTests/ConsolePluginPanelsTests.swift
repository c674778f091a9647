import Foundation
import KlageKernel
import KlageServer
import KlageTestSupport
import Testing

/// The console knows plug-ins only by what they declare: their panels on a complaint's page, their
/// boards and the titles of their attention kinds come with the session, and no console file names one.
@Suite struct ConsolePluginPanelsTests {
    static let console = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/KlageServer/Console")

    @Test func noConsoleFileNamesAPlugin() throws {
        let files =
            FileManager.default.enumerator(at: Self.console, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }
            .filter { ["js", "html", "css", "swift"].contains($0.pathExtension) && !$0.path.contains("/vendor/") } ?? []
        #expect(files.count >= 15, "found the console's files")
        let ids = KlagePlugins.all.map { $0.id.rawValue.lowercased() }
        for file in files {
            let words = Set(try String(contentsOf: file, encoding: .utf8).lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init))
            for id in ids where words.contains(id) {
                Issue.record(
                    "\(file.lastPathComponent) names the plug-in '\(id)': let the plug-in declare it (ComplaintPanel, ConsoleBoard, attentionKind)")
            }
        }
    }

    @Test func theSessionCarriesWhatTheTenantsPluginsShowToItsRole() async throws {
        try await withTestServer { server throws in
            var caseworker = ConsoleClient(port: server.port)
            let copenhagen = try #require(try await caseworker.signIn(try await server.key("kobenhavn", .caseworker)).json?["console"])
            let panel = try #require(copenhagen["complaintPanels"]?.arrayValue?.first)
            #expect(panel.string("id") == "borgerkontakt.tasks")
            #expect(panel.string("method") == "borgerkontakt.task.list" && panel.string("complaintParam") == "complaintId")
            #expect(panel["title"] == ["da": "Aftalte opgaver", "en": "Agreed tasks"])
            #expect(panel["columns"]?.arrayValue?.map { $0.string("key") } == ["who", "byCitizen", "what", "dueAt", "state"])
            #expect(copenhagen["boards"] == [])
            #expect(copenhagen["attentionKinds"]?["borgerkontakt.taskOverdue"] == ["da": "Aftalt opgave overskredet", "en": "Agreed task overdue"])

            var leader = ConsoleClient(port: server.port)
            let gladsaxe = try #require(try await leader.signIn(try await server.key("gladsaxe", .leader)).json?["console"])
            let board = try #require(gladsaxe["boards"]?.arrayValue?.first)
            #expect(board.string("id") == "gladsaxe.board")
            #expect(board["sections"]?.arrayValue?.map { $0.string("id") } == ["learning", "meetings", "actions"])
            #expect(gladsaxe["attentionKinds"]?.objectValue?.keys.sorted() == ["borgerkontakt.taskOverdue", "gladsaxe.actionOverdue"])
            // A board is for the roles it names: a caseworker of the same tenant does not get Gladsaxe's.
            var gladsaxeCaseworker = ConsoleClient(port: server.port)
            #expect(try await gladsaxeCaseworker.signIn(try await server.key("gladsaxe", .caseworker)).json?["console"]?["boards"] == [])
            // Roskilde declares no panel: its tenant gets none of the others'.
            var roskilde = ConsoleClient(port: server.port)
            #expect(try await roskilde.signIn(try await server.key("roskilde", .caseworker)).json?["console"]?["complaintPanels"] == [])
        }
    }

    /// A board of a plug-in that lists `method`.
    struct Boarded: KlagePlugin {
        let id: PluginID = "boarded"
        let title = "Test: a board"
        let method: String
        func register(into registrar: inout PluginRegistrar) {
            let column = PanelColumn("title", LocalizedText(da: "Titel", en: "Title"))
            registrar.board(
                ConsoleBoard(
                    "boarded.board", title: LocalizedText(da: "Tavle", en: "Board"),
                    sections: [ConsoleBoard.Section("items", title: LocalizedText(da: "Ting", en: "Items"), method: method, columns: [column])]))
        }
    }

    @Test func aBoardListingAMethodTheHostDoesNotServeStopsItAtStartUp() async throws {
        await #expect(throws: PluginRegistrationError(plugin: "boarded", problem: "its console lists 'learning.lst', which this host does not serve"))
        {
            try await withTestServer(plugins: KlagePlugins.all + [Boarded(method: "learning.lst")]) { _ in }
        }
        try await withTestServer(plugins: KlagePlugins.all + [Boarded(method: "learning.list")]) { _ in }
    }
}
