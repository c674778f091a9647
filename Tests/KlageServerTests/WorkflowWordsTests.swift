import Foundation
import KlageKernel
import KlageServer
import KlageTestSupport
import Testing

/// Every word of the shipped plug-ins that a person reads comes in Danish and English: the titles of
/// workflows, states, actions and deadlines, the labels of every field a form shows (nested ones too),
/// and the outcomes; `workflow.list` carries them to the console.
@Suite struct WorkflowWordsTests {
    /// The words of `text` that are missing, named by `place`.
    static func gaps(_ text: LocalizedText?, _ place: String) -> [String] {
        guard let text else { return ["\(place): no label"] }
        var gaps: [String] = []
        if text.da.trimmingCharacters(in: .whitespaces).isEmpty { gaps.append("\(place): no Danish") }
        if text.en.trimmingCharacters(in: .whitespaces).isEmpty { gaps.append("\(place): no English") }
        if text.da == text.en { gaps.append("\(place): the Danish is the English, \"\(text.en)\"") }
        return gaps
    }

    /// The gaps of `fields` and of the fields nested in them.
    static func gaps(_ fields: [FieldSpec], _ place: String) -> [String] {
        fields.flatMap { field -> [String] in
            func nested(_ kind: FieldSpec.Kind) -> [FieldSpec] {
                switch kind {
                case .object(let specs): specs
                case .list(let element, _): nested(element)
                default: []
                }
            }
            return gaps(field.label, "\(place).\(field.name)") + gaps(nested(field.kind), "\(place).\(field.name)")
        }
    }

    @Test func everyWordAPersonReadsIsInDanishAndEnglish() throws {
        let registry = try KlagePlugins.registry()
        let everyPlugin = Tenant(id: "all", name: "All", plugins: registry.pluginIDs.map(\.rawValue), createdAt: Date())
        let workflows = registry.workflows(for: everyPlugin) + [LearningWorkflow.definition]
        #expect(workflows.count >= 4)
        var gaps: [String] = []
        for workflow in workflows {
            let name = workflow.id.rawValue
            gaps += Self.gaps(workflow.titles, name)
            gaps += workflow.states.flatMap { Self.gaps($0.titles, "\(name) state \($0.id)") }
            gaps += workflow.actions.flatMap { Self.gaps($0.titles, "\(name) action \($0.id)") + Self.gaps($0.fields, "\(name) action \($0.id)") }
            gaps += workflow.deadlines.flatMap { Self.gaps($0.titles, "\(name) deadline \($0.name)") }
            gaps += Self.gaps(workflow.complaintFields + workflow.contactFields, name)
        }
        gaps += (StatutoryDeadlines.all + [AgreementConfirmation.rule]).flatMap { Self.gaps($0.titles, "deadline \($0.name)") }
        gaps += Self.gaps(KernelActionFields.all, "kernel")
        gaps += Outcome.allCases.flatMap { Self.gaps($0.title, "outcome \($0.rawValue)") }
        let console = registry.console(for: everyPlugin, role: .admin)
        #expect(console.eventTitles.keys.sorted().starts(with: ["borgerkontakt.conversationDeclined", "borgerkontakt.section13Note"]))
        gaps += console.eventTitles.sorted { $0.key < $1.key }.flatMap { Self.gaps($0.value, "event \($0.key)") }
        gaps += console.attentionKinds.sorted { $0.key < $1.key }.flatMap { Self.gaps($0.value, "attention kind \($0.key)") }
        #expect(gaps.isEmpty, "\(gaps.joined(separator: "\n"))")
    }

    @Test func workflowListCarriesBothLanguages() async throws {
        try await withTestServer { server in
            let key = try await server.key("kobenhavn", .caseworker)
            let items = try await server.result("workflow.list", key: key)["items"]?.arrayValue ?? []
            let dialogue = try #require(items.first { $0.string("id") == "borgerkontakt.dialogue" })
            #expect(dialogue["titles"]?.string("da") == "Styrket Borgerkontakt: ring tilbage, lyt, aftal")
            #expect(dialogue["states"]?.arrayValue?.first?["titles"]?.string("da") == "Modtaget: ring borgeren op")
            #expect(dialogue["states"]?.arrayValue?.first?.string("title") == "Received: call the citizen back", "the English title stays")
            let actions: [JSONValue] = dialogue["actions"]?.arrayValue ?? []
            let ids = actions.map { $0["id"]?.stringValue }
            let closing = ids.firstIndex(of: "close").map { actions[$0] }
            #expect(closing?["titles"]?.string("da") == "Afslut efter aftale med borgeren")
            #expect(dialogue["outcomes"]?.arrayValue?.first { $0.string("id") == "withdrawn" }?["titles"]?.string("da") == "Trukket tilbage")
            let introduction = dialogue["contactFields"]?.arrayValue?.first
            #expect(introduction?["label"]?.string("da") == "Side 1: Introduktion og accept")
            #expect(introduction?["kind"]?["fields"]?.arrayValue?.first?["label"]?.string("en") == "The purpose of the call was stated")
        }
    }
}
