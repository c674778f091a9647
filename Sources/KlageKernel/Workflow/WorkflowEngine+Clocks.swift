public import Foundation

/// The clocks: contacts that meet them, the scheduler's warn and fail points, pause and resume,
/// and starting and meeting a deadline.
extension WorkflowEngine {
    /// Meets the deadlines that a newly recorded contact completes.
    ///
    /// A citizen who cannot be reached is not held against the clock forever: once `writtenRouteAfter`
    /// call attempts have failed (`reached: false`), the written route opens (recorded on the complaint,
    /// ``WrittenRoute``), and a letter or e-mail meets the first-contact clock as a conversation would; so it
    /// does once the citizen asked for written contact.
    ///
    /// - Parameters:
    ///   - contact: the contact just recorded.
    ///   - complaint: its complaint, whose clocks are met here.
    ///   - definition: the workflow the complaint runs under.
    ///   - earlier: the contacts recorded on the complaint before this one.
    ///   - attempts: the tenant's number of failed call attempts that opens the written route.
    /// - Returns: the deadlines met, or the written route opening.
    public func contactRecorded(
        _ contact: Contact, on complaint: inout Complaint, in definition: WorkflowDefinition,
        earlier: [Contact] = [], writtenRouteAfter attempts: Int = TenantSettings.failedCallAttemptsBeforeWrittenRoute.defaultValue
    ) -> [WorkflowEffect] {
        let failedCalls = earlier.filter(\.isFailedCallAttempt).count
        if contact.isFailedCallAttempt {
            let waitsForFirstContact = complaint.deadlines.contains { deadline in
                deadline.isOpen && definition.deadlines.contains { $0.name == deadline.name && $0.completion == .oralContact }
            }
            guard failedCalls + 1 == attempts, waitsForFirstContact else { return [] }
            if !WrittenRoute.isOpen(on: complaint) {
                complaint.fields[WrittenRoute.fieldName] = WrittenRoute.record(.unreachable, at: contact.occurredAt)
            }
            return [.writtenRouteOpened(attempts: attempts)]
        }
        guard contact.reached else { return [] }
        let writtenRouteOpen = failedCalls >= attempts || WrittenRoute.isOpen(on: complaint)
        return meet(on: &complaint, in: definition, at: contact.occurredAt, notBefore: true) { completion in
            switch completion {
            case .oralContact: contact.kind.isOral || (writtenRouteOpen && contact.kind.isWritten)
            case .anyContact: true
            case .writtenContact: contact.kind.isWritten
            case .entering, .closing: false
            }
        }
    }

    /// Records the warn and fail points that `now` has passed, once each.
    public func checkClocks(_ complaint: inout Complaint, at now: Date) -> [WorkflowEffect] {
        var effects: [WorkflowEffect] = []
        for index in complaint.deadlines.indices where complaint.deadlines[index].isRunning {
            if complaint.deadlines[index].warnedAt == nil, let warnAt = complaint.deadlines[index].warnAt, warnAt <= now {
                complaint.deadlines[index].warnedAt = now
                effects.append(.deadlineWarned(name: complaint.deadlines[index].name))
            }
            if complaint.deadlines[index].missedAt == nil, complaint.deadlines[index].missCheckAt <= now {
                complaint.deadlines[index].missedAt = now
                if complaint.escalatedAt == nil { complaint.escalatedAt = now }
                effects.append(.deadlineMissed(name: complaint.deadlines[index].name))
            }
        }
        return effects
    }

    /// Pauses every running clock (e.g. while waiting for the citizen). - Throws: conflict when paused or closed.
    public func pause(_ complaint: inout Complaint, at now: Date) throws -> [WorkflowEffect] {
        guard complaint.closedAt == nil else { throw KlageError.conflict("a closed complaint has no clocks to pause") }
        guard !complaint.isPaused else { throw KlageError.conflict("the clocks are paused already") }
        // The statutory appeal clock runs on whatever the dialogue waits for.
        for index in complaint.deadlines.indices
        where complaint.deadlines[index].isRunning
            && complaint.deadlines[index].name != StatutoryDeadlines.appealForwarding.name
        {
            complaint.deadlines[index].pausedAt = now
        }
        return [.clocksPaused]
    }

    /// Resumes paused clocks with the time they had left (working time on the tenant's calendar for
    /// working-time clocks). - Throws: conflict when nothing is paused.
    public func resume(_ complaint: inout Complaint, at now: Date, settings: [String: JSONValue] = [:]) throws -> [WorkflowEffect] {
        guard complaint.isPaused else { throw KlageError.conflict("the clocks are not paused") }
        let calendar = self.calendar(for: settings)
        for index in complaint.deadlines.indices {
            guard complaint.deadlines[index].isOpen, let pausedAt = complaint.deadlines[index].pausedAt else { continue }
            let working = complaint.deadlines[index].working ?? false
            func shifted(_ date: Date) -> Date {
                guard date > pausedAt else { return date }
                if working {
                    return calendar.adding(workingHours: calendar.workingSeconds(from: pausedAt, to: date) / 3600, to: now)
                }
                return now.addingTimeInterval(date.timeIntervalSince(pausedAt))
            }
            complaint.deadlines[index].dueAt = shifted(complaint.deadlines[index].dueAt)
            complaint.deadlines[index].warnAt = complaint.deadlines[index].warnAt.map(shifted)
            complaint.deadlines[index].pausedAt = nil
        }
        return [.clocksResumed]
    }

    /// Meets the open deadlines whose rule `matches`; with `notBefore`, only clocks that had started by `time`
    /// (a backdated contact cannot meet a clock that started after it), read to the whole second (``ClientTime``).
    ///
    /// A clock the scheduler has recorded as missed is met *late*, even by a backdated contact that lies
    /// before its due time: a recorded miss, and its escalation, stay on the record.
    func meet(
        on complaint: inout Complaint, in definition: WorkflowDefinition, at time: Date, notBefore: Bool = false,
        when matches: (DeadlineRule.Completion) -> Bool
    ) -> [WorkflowEffect] {
        var effects: [WorkflowEffect] = []
        for index in complaint.deadlines.indices where complaint.deadlines[index].isOpen {
            if notBefore, let started = complaint.deadlines[index].startedAt, ClientTime.isBefore(time, started) { continue }
            let name = complaint.deadlines[index].name
            let rule = definition.deadlineRule(named: name)
            guard let rule, matches(rule.completion) else { continue }
            complaint.deadlines[index].metAt = time
            complaint.deadlines[index].pausedAt = nil
            let late = complaint.deadlines[index].missedAt != nil || ClientTime.isAfter(time, complaint.deadlines[index].dueAt)
            effects.append(.deadlineMet(name: name, late: late))
        }
        return effects
    }

    func startClock(_ rule: DeadlineRule, at start: Date, on complaint: inout Complaint, settings: [String: JSONValue]) -> WorkflowEffect {
        let duration = rule.duration(settings: settings)
        let calendar = self.calendar(for: settings)
        var deadline = Deadline(
            name: rule.name, dueAt: duration.end(from: start, calendar: calendar),
            warnAt: duration.end(from: start, fraction: rule.warnAt, calendar: calendar), working: duration.isWorking
        )
        deadline.startedAt = start
        complaint.deadlines.removeAll { $0.name == rule.name }
        complaint.deadlines.append(deadline)
        return .deadlineStarted(name: rule.name, dueAt: deadline.dueAt)
    }
}
