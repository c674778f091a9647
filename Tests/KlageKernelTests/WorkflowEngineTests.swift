import Foundation
import Testing

@testable import KlageKernel

/// The workflow engine's rules, on a small workflow written for the test.
@Suite struct WorkflowEngineTests {
    static let received = Timestamp.parse("2026-11-25T09:30:00Z")!

    static let definition = WorkflowDefinition(
        id: "test.dialogue", title: .same("Test"), initialState: "received",
        states: [
            WorkflowState("received", title: .same("Received")), WorkflowState("contacted", title: .same("Contacted")),
            WorkflowState("closed", title: .same("Closed"), isFinal: true),
        ],
        actions: [
            WorkflowAction("confirm", title: .same("Confirm"), from: ["received"], to: "contacted", guards: [.oralContactRecorded]),
            WorkflowAction("close", title: .same("Close"), from: ["contacted"], to: "closed", outcomes: [.withdrawn, .rejected]),
            WorkflowAction("escalate", title: .same("Escalate"), from: ["received", "contacted"], to: "closed", roles: [.leader]),
        ],
        deadlines: [
            DeadlineRule("firstContact", title: .same("First contact"), starts: .onReceipt, duration: .hours(24), metBy: .oralContact),
            DeadlineRule("answer", title: .same("Answer"), starts: .onEntering("contacted"), duration: .days(5), metBy: .entering(["closed"])),
        ]
    )

    func started() -> Complaint {
        var complaint = Complaint(
            id: "c1", tenant: "t", workflowVersion: 1, state: "x",
            intake: NewComplaint(
                workflow: Self.definition.id, track: .dissatisfaction, channel: .phone, subject: "s", description: "d", citizen: Citizen(name: "n")),
            receivedAt: Self.received, createdAt: Self.received, updatedAt: Self.received
        )
        _ = WorkflowEngine().start(&complaint, in: Self.definition, settings: [:])
        return complaint
    }

    func contact(_ kind: ContactKind, at date: Date) -> Contact {
        Contact(
            id: "k1", tenant: "t", complaintId: "c1", kind: kind, occurredAt: date, recordedBy: "a", summary: "s",
            agreement: nil, fields: [:], createdAt: date)
    }

    func input(
        _ complaint: Complaint, contacts: [Contact] = [], role: Role = .caseworker, at now: Date = received,
        outcome: Outcome? = nil, fields: [String: JSONValue] = [:]
    ) -> GuardInput {
        GuardInput(
            complaint: complaint, contacts: contacts, actor: Principal(id: "a", tenant: "t", role: role, label: "a"),
            now: now, note: nil, fields: fields, outcome: outcome)
    }

    @Test func startPutsTheComplaintInItsInitialStateWithAReceiptClock() {
        let complaint = started()
        #expect(complaint.state == "received")
        var expected = Deadline(
            name: "firstContact", dueAt: Self.received.addingTimeInterval(24 * 3600),
            warnAt: Self.received.addingTimeInterval(18 * 3600), working: false)
        expected.startedAt = Self.received
        #expect(complaint.deadlines == [expected])
    }

    @Test func anActionFromTheWrongStateIsAConflict() {
        let complaint = started()
        #expect(throws: KlageError.conflict("action 'close' is not allowed in state 'received'")) {
            try WorkflowEngine().perform("close", on: complaint, in: Self.definition, input: input(complaint, outcome: .withdrawn))
        }
    }

    @Test func anUnknownActionIsAValidationErrorNamingTheField() throws {
        let complaint = started()
        let error = #expect(throws: KlageError.self) {
            try WorkflowEngine().perform("fly", on: complaint, in: Self.definition, input: input(complaint))
        }
        #expect(error?.code == .validation)
        #expect(error?.field == "action")
    }

    @Test func aGuardRefusesUntilAnOralContactIsRecorded() throws {
        let complaint = started()
        let letter = contact(.letter, at: Self.received)
        let refused = #expect(throws: KlageError.self) {
            try WorkflowEngine().perform("confirm", on: complaint, in: Self.definition, input: input(complaint, contacts: [letter]))
        }
        #expect(refused?.code == .conflict)
        #expect(refused?.message.contains("oralContactRecorded") == true)

        let call = contact(.phone, at: Self.received)
        let (next, effects) = try WorkflowEngine().perform("confirm", on: complaint, in: Self.definition, input: input(complaint, contacts: [call]))
        #expect(next.state == "contacted")
        #expect(effects.contains(.entered("contacted")))
        #expect(next.deadlines.map(\.name) == ["firstContact", "answer"])
    }

    @Test func aRoleBelowTheActionsRolesIsForbiddenAndALeaderMayActForACaseworker() throws {
        let complaint = started()
        let error = #expect(throws: KlageError.self) {
            try WorkflowEngine().perform("escalate", on: complaint, in: Self.definition, input: input(complaint, role: .caseworker))
        }
        #expect(error?.code == .forbidden)
        let (escalated, _) = try WorkflowEngine().perform("escalate", on: complaint, in: Self.definition, input: input(complaint, role: .leader))
        #expect(escalated.state == "closed")

        let integration = #expect(throws: KlageError.self) {
            try WorkflowEngine().perform("confirm", on: complaint, in: Self.definition, input: input(complaint, role: .integration))
        }
        #expect(integration?.code == .forbidden)
    }

    @Test func closingNeedsAnAllowedOutcomeAndConsentForWithdrawal() throws {
        let call = contact(.phone, at: Self.received)
        var complaint = started()
        (complaint, _) = try WorkflowEngine().perform("confirm", on: complaint, in: Self.definition, input: input(complaint, contacts: [call]))

        let missing = #expect(throws: KlageError.self) {
            try WorkflowEngine().perform("close", on: complaint, in: Self.definition, input: input(complaint))
        }
        #expect(missing?.field == "outcome")
        let wrong = #expect(throws: KlageError.self) {
            try WorkflowEngine().perform("close", on: complaint, in: Self.definition, input: input(complaint, outcome: .upheld))
        }
        #expect(wrong?.field == "outcome")
        let noConsent = #expect(throws: KlageError.self) {
            try WorkflowEngine().perform("close", on: complaint, in: Self.definition, input: input(complaint, outcome: .withdrawn))
        }
        #expect(noConsent?.field == "fields.citizenConsent")

        let (closed, _) = try WorkflowEngine().perform(
            "close", on: complaint, in: Self.definition,
            input: input(complaint, outcome: .withdrawn, fields: ["citizenConsent": true])
        )
        #expect(closed.state == "closed")
        #expect(closed.outcome == .withdrawn)
        #expect(closed.closedAt == Self.received)
        #expect(closed.deadlines.filter(\.isOpen).isEmpty, "no written confirmation is owed by default: no law asks for one")
    }

    @Test func anOralContactWithinTheDeadlineMeetsIt() {
        var complaint = started()
        let effects = WorkflowEngine().contactRecorded(
            contact(.phone, at: Self.received.addingTimeInterval(23 * 3600)), on: &complaint, in: Self.definition)
        #expect(effects == [.deadlineMet(name: "firstContact", late: false)])
        #expect(complaint.deadlines[0].isMissed(at: Self.received.addingTimeInterval(48 * 3600)) == false)
    }

    @Test func undeclaredActionFieldsAreRefusedSoTheyCannotOverwriteWhatOtherStepsRecorded() throws {
        let call = contact(.phone, at: Self.received)
        let complaint = started()
        let error = #expect(throws: KlageError.self) {
            try WorkflowEngine().perform(
                "confirm", on: complaint, in: Self.definition,
                input: input(complaint, contacts: [call], fields: ["sharedWith": []]))
        }
        #expect(error?.field == "fields.sharedWith")
    }

    @Test func aLetterDoesNotMeetTheFirstContactDeadline() {
        var complaint = started()
        let effects = WorkflowEngine().contactRecorded(
            contact(.letter, at: Self.received.addingTimeInterval(3600)), on: &complaint, in: Self.definition)
        #expect(effects.isEmpty)
        #expect(complaint.deadlines[0].isOpen)
    }

    @Test func aDeadlineNotMetInTimeIsMissedWithAFixedClock() {
        let clock = FixedClock(Self.received)
        var complaint = started()
        clock.advance(by: 23 * 3600)
        #expect(complaint.deadlines[0].isMissed(at: clock.now()) == false)
        clock.advance(by: 2 * 3600)
        #expect(complaint.deadlines[0].isMissed(at: clock.now()) == true)
        #expect(complaint.nextDueAt! < clock.now())

        let effects = WorkflowEngine().contactRecorded(contact(.video, at: clock.now()), on: &complaint, in: Self.definition)
        #expect(effects == [.deadlineMet(name: "firstContact", late: true)])
        #expect(complaint.deadlines[0].isMissed(at: clock.now()) == true)
        #expect(complaint.nextDueAt == nil)
    }
}
