import Foundation
public import KlagePluginAPI

/// A throw-away plug-in: one workflow, one listing operation, and its own panel on the complaint page.
public struct ThrowawayMethod: KlagePlugin {
    public let id: PluginID = "throwaway"
    public let title = "Throw-away method"

    public init() {}

    public func register(into registrar: inout PluginRegistrar) {
        registrar.workflow(Self.workflow)
        registrar.operation(Self.list)
        registrar.panel(Self.panel)
    }

    /// A visit the caseworker booked with the citizen.
    struct Visit: StorableRecord {
        static let kind = "visit"
        var complaintId: ComplaintID
        var at: Date
        var index: RecordIndex<NoState> { RecordIndex(complaint: complaintId) }
    }

    static let complaintId = Field<ComplaintID>("complaintId", .text(max: 64))

    static let list = PluginOperation(
        "throwaway.visit.list", summary: "The visits booked on a complaint.", roles: [.caseworker], params: [complaintId]
    ) { input, context in
        ItemList(try await context.records.list(Visit.self, ref: try input[complaintId].rawValue))
    }

    static let panel = ComplaintPanel(
        "throwaway.visits", title: LocalizedText(da: "Besøg", en: "Visits"), empty: LocalizedText(da: "Ingen besøg.", en: "No visits."),
        lists: list, complaintId: complaintId, columns: [PanelColumn("at", LocalizedText(da: "Hvornår", en: "When"), format: .time)])

    static let workflow = WorkflowDefinition(
        id: "throwaway.visit", title: "Visit, then close", tracks: [.dissatisfaction], initialState: "received",
        states: [WorkflowState("received", title: "Received"), WorkflowState("closed", title: "Closed", isFinal: true)],
        actions: [
            WorkflowAction("close", title: "Close", from: ["received"], to: "closed", outcomes: [.upheld, .rejected]),
            .withdrawal(from: ["received"], to: "closed"),
        ])
}
