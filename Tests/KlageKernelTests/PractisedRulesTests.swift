import Foundation
import Testing

@testable import KlageKernel

/// The rules of the methods as practised, on the engine alone: time precision, sticky misses, the
/// citizen's choice of a written answer, appeals, and the written route to an unreachable citizen.
@Suite struct PractisedRulesTests {
    /// Receipt stamped by the server with milliseconds.
    static let received = Timestamp.parse("2026-11-25T09:30:00.731Z")!
    static let definition = WorkflowEngineTests.definition
    let engine = WorkflowEngine()

    func started(track: ComplaintTrack = .dissatisfaction) -> Complaint {
        var complaint = Complaint(
            id: "c1", tenant: "t", workflowVersion: 1, state: "x",
            intake: NewComplaint(
                workflow: Self.definition.id, track: track, channel: .phone, subject: "s", description: "d", citizen: Citizen(name: "n")),
            receivedAt: Self.received, createdAt: Self.received, updatedAt: Self.received
        )
        _ = engine.start(&complaint, in: Self.definition, settings: [:])
        return complaint
    }

    func contact(_ kind: ContactKind, at date: Date, reached: Bool = true, id: String = "k1") -> Contact {
        Contact(
            id: ContactID(id), tenant: "t", complaintId: "c1", kind: kind, reached: reached, occurredAt: date, recordedBy: "a",
            summary: "s", agreement: nil, fields: [:], createdAt: date)
    }

    func input(_ complaint: Complaint, contacts: [Contact] = [], outcome: Outcome? = nil, fields: [String: JSONValue] = [:]) -> GuardInput {
        GuardInput(
            complaint: complaint, contacts: contacts, actor: Principal(id: "a", tenant: "t", role: .caseworker, label: "a"),
            now: Self.received.addingTimeInterval(3600), note: nil, fields: fields, outcome: outcome)
    }

    // MARK: 3. Time precision

    @Test(arguments: [
        ("2026-11-25T09:30:00Z", false), ("2026-11-25T09:30:00.999Z", false), ("2026-11-25T09:29:59.999Z", true),
        ("2026-11-25T10:30:00+01:00", false), ("2026-11-25T09:29:59Z", true),
    ])
    func aClientTimeIsReadToTheWholeSecond(_ text: String, before: Bool) {
        #expect(ClientTime.isBefore(Timestamp.parse(text)!, Self.received) == before)
    }

    @Test func aCallInTheSecondOfReceiptMeetsTheClock() {
        var complaint = started()
        let call = contact(.phone, at: Timestamp.parse("2026-11-25T09:30:00Z")!)
        let effects = engine.contactRecorded(call, on: &complaint, in: Self.definition)
        #expect(effects == [.deadlineMet(name: "firstContact", late: false)])
        #expect(complaint.deadlines[0].metAt == call.occurredAt)
    }

    @Test func aCallInTheSecondTheClockFallsDueIsInTime() {
        var complaint = started()
        let due = complaint.deadlines[0].dueAt
        let call = contact(.phone, at: Date(timeIntervalSince1970: due.timeIntervalSince1970.rounded(.down)))
        #expect(engine.contactRecorded(call, on: &complaint, in: Self.definition) == [.deadlineMet(name: "firstContact", late: false)])
        #expect(!complaint.deadlines[0].isMissed(at: due.addingTimeInterval(3600)))
    }

    // MARK: 4. A missed deadline stays missed

    @Test func aBackdatedContactMeetsARecordedMissLateAndTheMissStays() {
        var complaint = started()
        let due = complaint.deadlines[0].dueAt
        _ = engine.checkClocks(&complaint, at: due.addingTimeInterval(60))
        #expect(complaint.deadlines[0].missedAt != nil)
        let escalated = complaint.escalatedAt
        #expect(escalated != nil)
        let backdated = contact(.phone, at: due.addingTimeInterval(-3600))
        #expect(engine.contactRecorded(backdated, on: &complaint, in: Self.definition) == [.deadlineMet(name: "firstContact", late: true)])
        #expect(complaint.deadlines[0].metAt == backdated.occurredAt)
        #expect(complaint.deadlines[0].isMissed(at: due.addingTimeInterval(120)))
        #expect(complaint.escalatedAt == escalated)
    }

    @Test func aBackdatedContactStillMeetsAnOpenClockInTime() {
        var complaint = started()
        let due = complaint.deadlines[0].dueAt
        let backdated = contact(.phone, at: due.addingTimeInterval(-3600))
        #expect(engine.contactRecorded(backdated, on: &complaint, in: Self.definition) == [.deadlineMet(name: "firstContact", late: false)])
        #expect(!complaint.deadlines[0].isMissed(at: due.addingTimeInterval(7200)))
    }

    // MARK: 5. The citizen's choice of a written answer

    /// A tenant that sends a written confirmation after closing by agreement (off by default).
    static let confirming: [String: JSONValue] = ["confirmationAfterAgreement": true]

    @Test func closingByAgreementWithoutAWrittenAnswerOwesNoConfirmation() throws {
        var complaint = started()
        _ = engine.contactRecorded(contact(.phone, at: Self.received), on: &complaint, in: Self.definition)
        let contacts = [contact(.phone, at: Self.received)]
        (complaint, _) = try engine.perform("confirm", on: complaint, in: Self.definition, input: input(complaint, contacts: contacts))
        let (closed, effects) = try engine.perform(
            "close", on: complaint, in: Self.definition,
            input: input(
                complaint, contacts: contacts, outcome: .withdrawn, fields: ["citizenConsent": true, "wantsWrittenAnswer": false]),
            settings: Self.confirming)
        #expect(effects.contains(.writtenAnswerChosen(wants: false)))
        #expect(effects.contains(.confirmationWaived))
        #expect(!effects.contains(.confirmationOwed))
        #expect(!closed.deadlines.contains { $0.name == AgreementConfirmation.rule.name })
    }

    @Test func closingByAgreementWithAWrittenAnswerWantedOwesTheLetterInATenantThatSendsOne() throws {
        var complaint = started()
        let contacts = [contact(.phone, at: Self.received)]
        (complaint, _) = try engine.perform("confirm", on: complaint, in: Self.definition, input: input(complaint, contacts: contacts))
        let wanted = input(complaint, contacts: contacts, outcome: .withdrawn, fields: ["citizenConsent": true, "wantsWrittenAnswer": true])
        let (closed, effects) = try engine.perform("close", on: complaint, in: Self.definition, input: wanted, settings: Self.confirming)
        #expect(effects.contains(.confirmationOwed))
        #expect(closed.deadlines.contains { $0.name == AgreementConfirmation.rule.name && $0.isOpen })
        // By default no tenant sends one: the citizen's wish is recorded, and no clock is started.
        let (plain, plainEffects) = try engine.perform("close", on: complaint, in: Self.definition, input: wanted)
        #expect(plainEffects.contains(.writtenAnswerChosen(wants: true)))
        #expect(!plainEffects.contains(.confirmationOwed))
        #expect(!plain.deadlines.contains { $0.name == AgreementConfirmation.rule.name })
    }

    // MARK: 6. Appeals

    static let appealDefinition = WorkflowDefinition(
        id: "test.appeal", title: .same("Appeal"), initialState: "received",
        states: [WorkflowState("received", title: .same("Received")), WorkflowState("closed", title: .same("Closed"), isFinal: true)],
        actions: [WorkflowAction("close", title: .same("Close"), from: ["received"], to: "closed", outcomes: Outcome.allCases)]
    )

    func appeal() -> Complaint {
        var complaint = started(track: .appeal)
        _ = engine.start(&complaint, in: Self.appealDefinition, settings: [:])
        return complaint
    }

    @Test(arguments: [Outcome.partlyUpheld, .rejected, .resolved])
    func anAppealWhoseDecisionIsKeptInWholeOrPartMustBeForwarded(_ outcome: Outcome) {
        let complaint = appeal()
        #expect(throws: KlageError.self) {
            try engine.perform(
                "close", on: complaint, in: Self.appealDefinition,
                input: input(
                    complaint, outcome: outcome, fields: ["citizenConsent": true]))
        }
    }

    @Test func aForwardedAppealRecordsWhereItWent() throws {
        let complaint = appeal()
        #expect(throws: KlageError.validation(field: "fields.forwardedTo", reason: "a forwarded appeal records where it went, e.g. Ankestyrelsen")) {
            try engine.perform("close", on: complaint, in: Self.appealDefinition, input: input(complaint, outcome: .forwarded))
        }
        let (closed, effects) = try engine.perform(
            "close", on: complaint, in: Self.appealDefinition,
            input: input(
                complaint, outcome: .forwarded, fields: ["forwardedTo": "Ankestyrelsen"]))
        #expect(closed.state == "closed")
        #expect(effects.contains(.forwarded(to: "Ankestyrelsen")))
        #expect(closed.deadlines.first { $0.name == StatutoryDeadlines.appealForwarding.name }?.metAt != nil)
    }

    @Test func anAppealDecidedFullyInTheCitizensFavourClosesWithoutForwarding() throws {
        let complaint = appeal()
        let (closed, _) = try engine.perform("close", on: complaint, in: Self.appealDefinition, input: input(complaint, outcome: .upheld))
        #expect(closed.outcome == .upheld)
    }

    @Test func everyWorkflowAcceptsTheKernelsActionFields() throws {
        let complaint = started()
        let (closed, _) = try engine.perform(
            "close", on: complaint, in: Self.appealDefinition,
            input: input(
                complaint, outcome: .forwarded, fields: ["forwardedTo": "Ankestyrelsen"]))
        #expect(closed.fields["forwardedTo"] == "Ankestyrelsen")
        #expect(throws: KlageError.validation(field: "fields.forwardedTo", reason: "must be a string")) {
            try engine.perform(
                "close", on: complaint, in: Self.appealDefinition, input: input(complaint, outcome: .forwarded, fields: ["forwardedTo": 7]))
        }
    }

    // MARK: 8. Unreachable citizens

    @Test func afterThreeFailedCallsALetterMeetsFirstContact() {
        var complaint = started()
        var earlier: [Contact] = []
        for attempt in 1...3 {
            let call = contact(.phone, at: Self.received.addingTimeInterval(Double(attempt) * 600), reached: false, id: "call\(attempt)")
            let effects = engine.contactRecorded(call, on: &complaint, in: Self.definition, earlier: earlier, writtenRouteAfter: 3)
            #expect(effects == (attempt == 3 ? [.writtenRouteOpened(attempts: 3)] : []))
            earlier.append(call)
        }
        let letter = contact(.letter, at: Self.received.addingTimeInterval(7200), id: "letter")
        #expect(
            engine.contactRecorded(letter, on: &complaint, in: Self.definition, earlier: earlier, writtenRouteAfter: 3)
                == [.deadlineMet(name: "firstContact", late: false)])
    }

    @Test func beforeTheWrittenRouteOpensALetterDoesNotMeetFirstContact() {
        var complaint = started()
        let calls = (1...2).map { contact(.phone, at: Self.received.addingTimeInterval(Double($0) * 600), reached: false, id: "call\($0)") }
        let letter = contact(.letter, at: Self.received.addingTimeInterval(7200), id: "letter")
        #expect(engine.contactRecorded(letter, on: &complaint, in: Self.definition, earlier: calls, writtenRouteAfter: 3).isEmpty)
        #expect(complaint.deadlines[0].isOpen)
    }
}
