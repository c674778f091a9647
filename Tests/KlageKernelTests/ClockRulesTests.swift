import Foundation
import Testing

@testable import KlageKernel

/// Warn and fail points, pause and resume, and the statutory clocks of the appeal track.
@Suite struct ClockRulesTests {
    static let received = Timestamp.parse("2026-11-25T09:30:00Z")!
    let engine = WorkflowEngine()
    /// A tenant that sends a written confirmation after closing by agreement (off by default).
    static let confirming: [String: JSONValue] = ["confirmationAfterAgreement": true]

    static let definition = WorkflowDefinition(
        id: "test.flow", title: .same("t"), initialState: "received",
        states: [WorkflowState("received", title: .same("R")), WorkflowState("closed", title: .same("C"), isFinal: true)],
        actions: [
            WorkflowAction(
                "close", title: .same("Close"), from: ["received"], to: "closed",
                outcomes: [.withdrawn, .resolved, .upheld, .rejected, .forwarded])
        ],
        deadlines: [
            DeadlineRule(
                "answer", title: .same("Answer"), starts: .onReceipt, duration: .workingHours(8),
                setting: "test.answerDeadline", metBy: .closing)
        ]
    )

    func complaint(track: ComplaintTrack = .dissatisfaction, settings: [String: JSONValue] = [:]) -> Complaint {
        var complaint = Complaint(
            id: "c", tenant: "t", workflowVersion: 1, state: "x",
            intake: NewComplaint(
                workflow: Self.definition.id, track: track, channel: .letter, subject: "s", description: "d", citizen: Citizen(name: "n")),
            receivedAt: Self.received, createdAt: Self.received, updatedAt: Self.received
        )
        _ = engine.start(&complaint, in: Self.definition, settings: settings)
        return complaint
    }

    func input(_ complaint: Complaint, outcome: Outcome, at now: Date = received, consent: Bool = false) -> GuardInput {
        var fields: [String: JSONValue] = consent ? ["citizenConsent": true] : [:]
        if outcome == .forwarded { fields["forwardedTo"] = "Ankestyrelsen" }
        return GuardInput(
            complaint: complaint, contacts: [], actor: Principal(id: "a", tenant: "t", role: .caseworker, label: "a"), now: now,
            note: nil, fields: fields, outcome: outcome)
    }

    @Test func aTenantSettingOverridesTheDuration() {
        #expect(complaint().deadlines[0].dueAt == Timestamp.parse("2026-11-26T09:30:00Z"))  // 8 working hours: next day, same time
        #expect(complaint(settings: ["test.answerDeadline": "2h"]).deadlines[0].dueAt == Timestamp.parse("2026-11-25T11:30:00Z"))
        #expect(complaint(settings: ["test.answerDeadline": "nonsense"]).deadlines[0].dueAt == Timestamp.parse("2026-11-26T09:30:00Z"))
    }

    @Test func theWarnPointComesBeforeTheFailPointAndEachIsRecordedOnce() {
        var complaint = complaint()
        let warnAt = try! #require(complaint.deadlines[0].warnAt)
        #expect(warnAt < complaint.deadlines[0].dueAt)
        #expect(engine.checkClocks(&complaint, at: warnAt.addingTimeInterval(-1)).isEmpty)
        #expect(engine.checkClocks(&complaint, at: warnAt) == [.deadlineWarned(name: "answer")])
        #expect(engine.checkClocks(&complaint, at: warnAt.addingTimeInterval(60)).isEmpty)
        let due = complaint.deadlines[0].dueAt
        #expect(engine.checkClocks(&complaint, at: due) == [.deadlineMissed(name: "answer")])
        #expect(complaint.escalatedAt == due)
        #expect(engine.checkClocks(&complaint, at: due.addingTimeInterval(3600)).isEmpty)
        #expect(complaint.nextCheckAt == nil)
    }

    @Test func aPausedClockGivesBackItsWorkingTimeOnResume() throws {
        var complaint = complaint()
        let paused = Self.received.addingTimeInterval(3600)  // 11:30 CET: 7 working hours left
        _ = try engine.pause(&complaint, at: paused)
        #expect(complaint.nextDueAt == nil, "a paused clock is not overdue")
        #expect(complaint.deadlines[0].isMissed(at: paused.addingTimeInterval(7 * 86_400)) == false)
        #expect(throws: KlageError.self) { _ = try engine.pause(&complaint, at: paused) }
        let resumed = Timestamp.parse("2026-11-30T08:00:00Z")!  // Monday 09:00 CET
        _ = try engine.resume(&complaint, at: resumed)
        #expect(Timestamp.format(complaint.deadlines[0].dueAt) == "2026-11-30T15:00:00Z")  // 7 working hours later: 16:00 CET
    }

    @Test func anAppealKeepsItsForwardingDeadlineAndCannotBeClosedAsRejected() throws {
        let appeal = complaint(track: .appeal)
        let forwarding = try #require(appeal.deadlines.first { $0.name == "appealForwarding" })
        #expect(forwarding.dueAt == Self.received.addingTimeInterval(28 * 86_400))
        let error = #expect(throws: KlageError.self) {
            try engine.perform("close", on: appeal, in: Self.definition, input: input(appeal, outcome: .rejected))
        }
        #expect(error?.field == "outcome")
        let (forwarded, _) = try engine.perform("close", on: appeal, in: Self.definition, input: input(appeal, outcome: .forwarded))
        #expect(forwarded.deadlines.first { $0.name == "appealForwarding" }?.metAt != nil)
        // A dissatisfaction complaint may be rejected.
        let plain = complaint()
        _ = try engine.perform("close", on: plain, in: Self.definition, input: input(plain, outcome: .rejected))
    }

    @Test func theAppealClockIsNotPausedAndRunsAgainToItsOriginalDueTimeOnReopen() throws {
        var appeal = complaint(track: .appeal)
        let due = try #require(appeal.deadlines.first { $0.name == "appealForwarding" }?.dueAt)
        _ = try engine.pause(&appeal, at: Self.received.addingTimeInterval(3600))
        #expect(appeal.deadlines.first { $0.name == "appealForwarding" }?.pausedAt == nil)
        #expect(appeal.deadlines.first { $0.name == "answer" }?.pausedAt != nil)
        _ = try engine.resume(&appeal, at: Self.received.addingTimeInterval(7200))

        let (withdrawn, _) = try engine.perform("close", on: appeal, in: Self.definition, input: input(appeal, outcome: .withdrawn, consent: true))
        var reopened = withdrawn
        let effects = try engine.reopen(&reopened, in: Self.definition, at: Self.received.addingTimeInterval(86_400), windowDays: 14)
        let forwarding = try #require(reopened.deadlines.first { $0.name == "appealForwarding" })
        #expect(forwarding.isRunning)
        #expect(forwarding.dueAt == due)
        #expect(effects.contains(.deadlineStarted(name: "appealForwarding", dueAt: due)))
    }

    @Test func aContactFromBeforeAClockStartedCannotMeetIt() throws {
        let open = complaint()
        let (closed, _) = try engine.perform(
            "close", on: open, in: Self.definition,
            input: input(open, outcome: .resolved, at: Self.received.addingTimeInterval(86_400), consent: true), settings: Self.confirming)
        var backdated = closed
        let intakeLetter = Contact(
            id: "k", tenant: "t", complaintId: "c", kind: .letter, occurredAt: Self.received, recordedBy: "a",
            summary: "Acknowledgement at intake", agreement: nil, fields: [:], createdAt: Self.received)
        #expect(engine.contactRecorded(intakeLetter, on: &backdated, in: Self.definition).isEmpty)
        #expect(backdated.deadlines.first { $0.name == "writtenConfirmation" }?.isOpen == true)
    }

    @Test func closingByAgreementOwesNoConfirmationUnlessTheTenantSendsOne() throws {
        let open = complaint()
        let (closed, effects) = try engine.perform("close", on: open, in: Self.definition, input: input(open, outcome: .resolved, consent: true))
        #expect(!effects.contains(.confirmationOwed))
        #expect(!effects.contains(.confirmationWaived))
        #expect(!closed.deadlines.contains { $0.name == AgreementConfirmation.rule.name }, "no clock, so nothing to miss or escalate")
        #expect(!StatutoryDeadlines.all.contains { $0.name == AgreementConfirmation.rule.name }, "not a statutory deadline")
    }

    @Test(arguments: [ContactKind.letter, .email, .digitalPost])
    func inATenantThatConfirmsClosingByAgreementOwesAWrittenConfirmationAndCanBeReopenedWithinTheWindow(_ kind: ContactKind) throws {
        let open = complaint()
        let (closed, effects) = try engine.perform(
            "close", on: open, in: Self.definition, input: input(open, outcome: .resolved, consent: true), settings: Self.confirming)
        #expect(effects.contains(.confirmationOwed))
        var letter = closed
        let contact = Contact(
            id: "k", tenant: "t", complaintId: "c", kind: kind, occurredAt: Self.received, recordedBy: "a",
            summary: "Confirmation of the agreement", agreement: nil, fields: [:], createdAt: Self.received)
        #expect(engine.contactRecorded(contact, on: &letter, in: Self.definition) == [.deadlineMet(name: "writtenConfirmation", late: false)])

        var late = closed
        #expect(throws: KlageError.self) {
            _ = try engine.reopen(&late, in: Self.definition, at: Self.received.addingTimeInterval(15 * 86_400), windowDays: 14)
        }
        var reopened = closed
        _ = try engine.reopen(&reopened, in: Self.definition, at: Self.received.addingTimeInterval(86_400), windowDays: 14)
        #expect(reopened.state == "received")
        #expect(reopened.outcome == nil)
        #expect(reopened.closedAt == nil)
    }
}
