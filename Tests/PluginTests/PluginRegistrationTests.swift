import Foundation
import KlageKernel
import Testing

/// A plug-in's mistakes stop the host at start-up (``PluginRegistryBuilder/build()`` throws), naming
/// the plug-in and what to fix; none of them traps, and none waits for a citizen's request.
@Suite struct PluginRegistrationTests {
    /// A plug-in that registers what the test gives it.
    struct Probe: KlagePlugin {
        var id: PluginID = "probe"
        let title = "Probe"
        let registration: @Sendable (inout PluginRegistrar) -> Void
        func register(into registrar: inout PluginRegistrar) { registration(&registrar) }
    }

    static func build(_ plugins: Probe...) throws -> PluginRegistry {
        var builder = PluginRegistryBuilder()
        for plugin in plugins { builder.register(plugin) }
        return try builder.build()
    }

    /// Why the registry refuses `plugins`, or `nil` when it builds.
    static func refusal(of plugins: Probe...) -> String? {
        var builder = PluginRegistryBuilder()
        for plugin in plugins { builder.register(plugin) }
        do {
            _ = try builder.build()
            return nil
        } catch {
            return (error as? PluginRegistrationError)?.description ?? "\(error)"
        }
    }

    /// Why the registry refuses a plug-in that registers as `register` does, or `nil`.
    static func refusal(_ register: @escaping @Sendable (inout PluginRegistrar) -> Void) -> String? {
        refusal(of: Probe(registration: register))
    }

    static let answer = DeadlineSetting("probe.answerDeadline", default: .workingDays(5))

    static func workflow(
        tracks: Set<ComplaintTrack> = [.dissatisfaction], outcomes: [Outcome] = [.upheld], fields: [any FieldDeclaration] = [],
        deadline: DeadlineRule? = nil
    ) -> WorkflowDefinition {
        WorkflowDefinition(
            id: "probe.flow", title: .same("Probe"), tracks: tracks, initialState: "received",
            states: [WorkflowState("received", title: .same("Received")), WorkflowState("closed", title: .same("Closed"), isFinal: true)],
            actions: [WorkflowAction("close", title: .same("Close"), from: ["received"], to: "closed", outcomes: outcomes, fields: fields)],
            deadlines: deadline.map { [$0] } ?? [])
    }

    static func list(_ name: String, params: [any FieldDeclaration] = []) -> PluginOperation {
        PluginOperation(name, summary: "Lists.", roles: [.caseworker], params: params) { _, _ in ItemList([String]()) }
    }

    @Test func aFieldWhoseKindItsSwiftTypeCannotHoldIsRefused() {
        let count = Field<Int>("count", .text(max: 10))
        #expect(
            Self.refusal { $0.operation(Self.list("probe.item.list", params: [count])) }
                == "plug-in 'probe': operation 'probe.item.list': field 'count' is declared as a string, but its Swift type Int cannot hold \"text\"")
        enum Colour: String, CaseIterable, Decodable { case red, green }
        let colour = Field<Colour>("colour", .choice(["red", "green", "blue"]))
        #expect(
            Self.refusal { $0.workflow(Self.workflow(fields: [colour])) }
                == "plug-in 'probe': workflow 'probe.flow': field 'colour' is declared as one of: red, green, blue, but its Swift type Colour cannot hold \"blue\""
        )
        struct Point: Decodable {
            let x: Int
            let label: String
        }
        let point = Field<Point?>("point", .object([FieldSpec("x", .integer(min: 0, max: 9), required: true), FieldSpec("label", .text(max: 9))]))
        #expect(Self.refusal { $0.workflow(Self.workflow(fields: [point])) }?.contains("cannot hold {\"x\": 0}") == true)
        let fitting = Field<[Date]?>("when", .list(.time, max: 3))
        #expect(Self.refusal { $0.workflow(Self.workflow(fields: [fitting, count.spec])) } == nil, "a plain spec is not read typed")
    }

    @Test func namesOutsideThePluginsNamespaceAreRefused() {
        #expect(
            Self.refusal { $0.operation(Self.list("other.item.list")) }
                == "plug-in 'probe': operation 'other.item.list' must be named probe.<noun>.<verb>")
        #expect(Self.refusal { $0.operation(Self.list("probe.list")) } == "plug-in 'probe': operation 'probe.list' must be named probe.<noun>.<verb>")
        #expect(
            Self.refusal { $0.setting(NumberSetting("attempts", range: 1...5, default: 3)) }
                == "plug-in 'probe': setting 'attempts' must start with 'probe.'")
        #expect(
            Self.refusal { $0.attentionKind("other.late", title: LocalizedText(da: "For sent", en: "Late")) }
                == "plug-in 'probe': attention kind 'other.late' must start with 'probe.'")
        #expect(Self.refusal { $0.attention { _, _ in [] } }?.contains("declares no attention kind") == true)
        #expect(
            Self.refusal { $0.board(ConsoleBoard("board", title: LocalizedText(da: "T", en: "T"), sections: [])) }
                == "plug-in 'probe': board 'board' must start with 'probe.'")
    }

    @Test func aWorkflowThatAcceptsAppealsMustBeAbleToForwardThem() throws {
        #expect(
            Self.refusal { $0.workflow(Self.workflow(tracks: [.dissatisfaction, .appeal])) }
                == "plug-in 'probe': workflow 'probe.flow' accepts appeals, but no action closes one as 'forwarded': add .forwarded to a "
                + "closing action's outcomes (the caseworker gives fields.forwardedTo), or accept complaints of dissatisfaction only with tracks: [.dissatisfaction]"
        )
        #expect(Self.refusal { $0.workflow(Self.workflow(tracks: [.dissatisfaction, .appeal], outcomes: [.upheld, .forwarded])) } == nil)
        #expect(Self.refusal { $0.workflow(Self.workflow(tracks: [.dissatisfaction])) } == nil)
    }

    @Test func aSettingItsWorkflowNamesIsDeclaredOnceInEitherOrder() throws {
        let rule = DeadlineRule("answer", title: .same("Answer"), starts: .onReceipt, setting: Self.answer, metBy: .closing)
        let settingFirst = try Self.build(
            Probe { registrar in
                registrar.setting(Self.answer)
                registrar.workflow(Self.workflow(deadline: rule))
            })
        let workflowFirst = try Self.build(
            Probe { registrar in
                registrar.workflow(Self.workflow(deadline: rule))
                registrar.setting(Self.answer)
                registrar.setting(Self.answer)
            })
        for registry in [settingFirst, workflowFirst] {
            #expect(registry.settings.map(\.key) == ["probe.answerDeadline"])
        }
        #expect(
            Self.refusal { registrar in
                registrar.setting(Self.answer)
                registrar.setting(DeadlineSetting("probe.answerDeadline", default: .days(3)))
            } == "plug-in 'probe': setting 'probe.answerDeadline' is declared twice, differently: declare it once, as a static let, and register that"
        )
        let stray = DeadlineRule("answer", title: .same("Answer"), starts: .onReceipt, duration: .days(9), setting: Self.answer.key, metBy: .closing)
        #expect(
            Self.refusal { registrar in
                registrar.workflow(Self.workflow(deadline: stray))
                registrar.setting(Self.answer)
            }?.contains("runs for 9d by default, but setting 'probe.answerDeadline' says 5wd") == true)
        #expect(
            Self.refusal { $0.setting(NumberSetting("probe.attempts", range: 1...5, default: 7)) }
                == "plug-in 'probe': setting 'probe.attempts' has the default 7, outside its range 1...5")
    }

    @Test func aPanelListsThroughTheRegisteringPluginsOwnOperationAndItsDeclaredParam() {
        let complaintId = Field<ComplaintID>("complaintId", .text(max: 64))
        let listing = Self.list("probe.item.list", params: [complaintId])
        let other = Field<ComplaintID>("id", .text(max: 64))
        @Sendable func panel(_ param: Field<ComplaintID>) -> ComplaintPanel {
            ComplaintPanel(
                "probe.items", title: LocalizedText(da: "Ting", en: "Items"), empty: LocalizedText(da: "Ingen.", en: "None."), lists: listing,
                complaintId: param, columns: [PanelColumn("what", LocalizedText(da: "Hvad", en: "What"))])
        }
        #expect(
            Self.refusal { $0.panel(panel(complaintId)) }
                == "plug-in 'probe': complaint panel 'probe.items' lists 'probe.item.list', which is not one of the plug-in's operations: register it"
        )
        #expect(
            Self.refusal { registrar in
                registrar.operation(listing)
                registrar.panel(panel(other))
            } == "plug-in 'probe': complaint panel 'probe.items' passes the complaint as 'id', which 'probe.item.list' does not declare")
        #expect(
            Self.refusal { registrar in
                registrar.operation(listing)
                registrar.panel(panel(complaintId))
            } == nil)
    }

    @Test func aPanelsDocumentNeedsSectionsAndItsTablesTheirColumns() {
        let complaintId = Field<ComplaintID>("complaintId", .text(max: 64))
        let listing = Self.list("probe.item.list", params: [complaintId])
        @Sendable func panel(_ sections: [ComplaintDocument.Section]) -> ComplaintPanel {
            ComplaintPanel(
                "probe.items", title: LocalizedText(da: "Ting", en: "Items"), empty: LocalizedText(da: "Ingen.", en: "None."), lists: listing,
                complaintId: complaintId, columns: [PanelColumn("what", LocalizedText(da: "Hvad", en: "What"))],
                document: ComplaintDocument(title: LocalizedText(da: "Notat", en: "Note"), key: "id", sections: sections))
        }
        let what = LocalizedText(da: "Hvad", en: "What")
        for sections in [[], [ComplaintDocument.Section("tasks", what, format: .table)], [.init("what", what, columns: [PanelColumn("x", what)])]] {
            #expect(
                Self.refusal { registrar in
                    registrar.operation(listing)
                    registrar.panel(panel(sections))
                } == "plug-in 'probe': complaint panel 'probe.items' declares a document without sections, or a table section without columns")
        }
        #expect(
            Self.refusal { registrar in
                registrar.operation(listing)
                registrar.panel(panel([.init("what", what), .init("tasks", what, format: .table, columns: [PanelColumn("who", what)])]))
            } == nil)
    }

    @Test func twoPluginsWithOneIdAreRefused() {
        #expect(Self.refusal(of: Probe { _ in }, Probe { _ in }) == "plug-in 'probe': is registered twice: two plug-ins have this id")
    }
}
