import Foundation
import Testing

@testable import KlageKernel

/// Learning items move through the engine that moves complaints: the same checks of state, role and
/// guards, and a guard on the caller's input names its field for either record.
@Suite struct OneEngineTests {
    static let now = Timestamp.parse("2026-11-28T10:00:00Z")!
    let leader = Principal(id: "l", tenant: "t", role: .leader, label: "leader")
    let caseworker = Principal(id: "c", tenant: "t", role: .caseworker, label: "caseworker")

    func item(state: StateID = "proposed") -> LearningItem {
        LearningItem(
            id: "i1", tenant: "t", complaintId: nil, title: "Call back sooner", insight: "Waiting annoys", department: nil,
            tags: [], state: state, createdAt: Self.now, updatedAt: Self.now)
    }

    @Test func anItemMovesByTheWorkflowsActions() throws {
        let (accepted, effects) = try WorkflowEngine().perform(
            "accept", on: item(), in: LearningWorkflow.definition, request: ActionRequest(actor: leader, now: Self.now, note: nil))
        #expect(accepted.state == "accepted")
        #expect(effects == [.actionTaken("accept", outcome: nil), .entered("accepted")])
    }

    @Test func theEngineRefusesAnItemsWrongStateAndRoleAsItRefusesAComplaints() {
        #expect(throws: KlageError.conflict("action 'implement' is not allowed in state 'proposed'")) {
            try WorkflowEngine().perform(
                "implement", on: item(), in: LearningWorkflow.definition, request: ActionRequest(actor: leader, now: Self.now, note: nil))
        }
        #expect(throws: KlageError.forbidden("role 'caseworker' may not take action 'accept'")) {
            try WorkflowEngine().perform(
                "accept", on: item(), in: LearningWorkflow.definition, request: ActionRequest(actor: caseworker, now: Self.now, note: nil))
        }
    }

    @Test(arguments: [nil, "", "  \n"])
    func dismissingWithoutANoteNamesTheNoteField(note: String?) {
        let error = #expect(throws: KlageError.self) {
            try WorkflowEngine().perform(
                "dismiss", on: item(), in: LearningWorkflow.definition, request: ActionRequest(actor: leader, now: Self.now, note: note))
        }
        #expect(error?.code == .validation)
        #expect(error?.field == "note")
    }

    @Test func aComplaintsNoteGuardNamesTheNoteFieldToo() throws {
        let definition = WorkflowDefinition(
            id: "test.noted", title: .same("Test"), initialState: "open",
            states: [WorkflowState("open", title: .same("Open")), WorkflowState("closed", title: .same("Closed"), isFinal: true)],
            actions: [WorkflowAction("close", title: .same("Close"), from: ["open"], to: "closed", guards: [.noteGiven])]
        )
        var complaint = Complaint(
            id: "c1", tenant: "t", workflowVersion: 1, state: "x",
            intake: NewComplaint(
                workflow: definition.id, track: .dissatisfaction, channel: .phone, subject: "s", description: "d", citizen: Citizen(name: "n")),
            receivedAt: Self.now, createdAt: Self.now, updatedAt: Self.now)
        _ = WorkflowEngine().start(&complaint, in: definition, settings: [:])
        let input = GuardInput(complaint: complaint, contacts: [], actor: caseworker, now: Self.now, note: nil, fields: [:], outcome: nil)
        let error = #expect(throws: KlageError.self) { try WorkflowEngine().perform("close", on: complaint, in: definition, input: input) }
        #expect(error?.code == .validation)
        #expect(error?.field == "note")
        let noted = GuardInput(complaint: complaint, contacts: [], actor: caseworker, now: Self.now, note: "Agreed", fields: [:], outcome: nil)
        #expect(try WorkflowEngine().perform("close", on: complaint, in: definition, input: noted).0.state == "closed")
    }

    @Test func aRecordsWorkflowMayNotUseAGuardThatNeedsAComplaint() throws {
        try WorkflowValidator.validateForRecords(LearningWorkflow.definition)
        let needsComplaint = WorkflowDefinition(
            id: "test.records", title: .same("Test"), initialState: "open",
            states: [WorkflowState("open", title: .same("Open")), WorkflowState("done", title: .same("Done"), isFinal: true)],
            actions: [WorkflowAction("finish", title: .same("Finish"), from: ["open"], to: "done", guards: [.oralContactRecorded])]
        )
        #expect(throws: WorkflowDefinitionError.self) { try WorkflowValidator.validateForRecords(needsComplaint) }
        #expect(throws: Never.self) { try WorkflowValidator.validate(needsComplaint) }
    }
}
