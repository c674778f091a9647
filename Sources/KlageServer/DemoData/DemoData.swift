public import Foundation
public import KlageKernel
import KlageReports
public import KlageStorage

/// Realistic demo data for one tenant: complaints spread over years and departments, before and
/// after the tenant adopted its method, each played through the tenant's own workflows, with
/// contacts, effort, surveys, learning items and the departments' staff pulses.
///
/// Deterministic: the same options (seed, tenant, period) make the same records. Complaints are made
/// in batches that can be generated independently, in parallel, and written with
/// ``KlageStorage/SQLKlageStore/insertBatch(_:tenant:)``.
///
/// ```swift
/// let demo = try DemoData(DemoData.Options(tenant: tenant, complaints: 200_000), registry: host.registry)
/// for index in 0..<demo.batchCount { try await host.store.insertBatch(demo.batch(index), tenant: tenant.id) }
/// try await host.store.insertBatch(demo.staffPulses(), tenant: tenant.id)
/// ```
public struct DemoData: Sendable {
    /// What to generate.
    public struct Options: Sendable {
        public var tenant: Tenant
        public var complaints: Int
        /// How many years back from the end the complaints are spread over.
        public var years: Int
        public var seed: UInt64
        /// Months after the start when the method was adopted; half the period when `nil`.
        public var adoptionAfterMonths: Int?
        /// The moment the data ends: steps after it are not taken; the complaints arrive up to the day before.
        public var now: Date
        /// Complaints per batch (and per transaction).
        public var batchSize: Int

        public init(
            tenant: Tenant, complaints: Int, years: Int = 2, seed: UInt64 = 1, adoptionAfterMonths: Int? = nil, now: Date = Date(),
            batchSize: Int = 5_000
        ) {
            self.tenant = tenant
            self.complaints = complaints
            self.years = years
            self.seed = seed
            self.adoptionAfterMonths = adoptionAfterMonths
            self.now = now
            self.batchSize = batchSize
        }
    }

    public let options: Options
    /// The first instant complaints arrive, the adoption of the method, and the end of arrivals.
    public let start: Date
    public let adoption: Date
    public let end: Date
    private let plans: [DemoWorkflowPlan]
    private let receipts: DemoReceipts
    private let setting: DemoJourney.Setting

    /// Prepares the generator.
    ///
    /// - Throws: validation when the tenant has no workflow that can close a complaint.
    public init(_ options: Options, registry: PluginRegistry) throws {
        self.options = options
        let plans = registry.workflows(for: options.tenant).map(DemoWorkflowPlan.init).filter { !$0.routes.isEmpty }
        guard !plans.isEmpty else {
            throw KlageError.validation(field: "tenant", reason: "tenant '\(options.tenant.id)' has no workflow that closes complaints")
        }
        self.plans = plans
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Copenhagen") ?? .gmt
        let endDay = ReportDay.of(options.now)
        end = ReportDay.start(endDay)
        start = calendar.date(byAdding: .year, value: -max(1, options.years), to: end) ?? end
        let months = options.adoptionAfterMonths ?? max(1, options.years) * 6
        adoption = calendar.date(byAdding: .month, value: months, to: start) ?? start
        receipts = DemoReceipts(
            firstDay: ReportDay.of(start), endDay: endDay, calendar: TenantSettings.workingCalendar(in: options.tenant.settings) ?? .standard)
        setting = DemoJourney.Setting(tenant: options.tenant, now: options.now)
    }

    /// How many batches make all the complaints.
    public var batchCount: Int { (options.complaints + options.batchSize - 1) / options.batchSize }

    /// The complaints of batch `index`, with their contacts, effort, surveys, events and learning items.
    public func batch(_ index: Int) -> RecordBatch {
        var random = DemoRandom(seed: options.seed, DemoRandom.key(options.tenant.id.rawValue), UInt64(index))
        var batch = RecordBatch()
        let first = index * options.batchSize
        for number in first..<min(first + options.batchSize, options.complaints) {
            batch.append(complaint(number, random: &random))
        }
        return batch
    }

    /// The complaint numbered `number` (0-based) and everything that came of it.
    func complaint(_ number: Int, random: inout DemoRandom) -> RecordBatch {
        let receivedAt = receipts.time(atQuantile: (Double(number) + random.unit()) / Double(options.complaints))
        let adopted = receivedAt >= adoption
        let profile = adopted ? DemoProfile.after : DemoProfile.before
        let department = random.pick(DemoDepartment.choices)
        let track: ComplaintTrack = random.chance(DemoProfile.appealShare) ? .appeal : .dissatisfaction
        let candidates = plans.filter { $0.definition.tracks.contains(track) }
        let plan = candidates.isEmpty ? plans[0] : random.element(candidates)
        let channel = random.pick(DemoProfile.channels)
        let citizen = Self.citizen(number, email: channel == .email || channel == .web)
        let intake = NewComplaint(
            workflow: plan.definition.id, track: plan.definition.tracks.contains(track) ? track : .dissatisfaction, channel: channel,
            subject: random.element(department.subjects),
            description: "Borgeren er utilfreds og beskriver forløbet i sin henvendelse. (Demodata fra klage generate.)",
            remedy: random.chance(0.4) ? "Borgeren ønsker en undskyldning og en hurtigere afklaring" : nil, citizen: citizen,
            department: department.name)
        let draft = Complaint(
            id: DemoIDs.next(at: receivedAt, using: &random), tenant: options.tenant.id, workflowVersion: plan.definition.version,
            state: plan.definition.initialState, intake: intake, receivedAt: receivedAt, createdAt: receivedAt, updatedAt: receivedAt,
            assignee: "sagsbehandler-\(random.int(1...40))", handoffs: random.int(profile.handoffs))
        let wanted: Outcome
        if draft.track == .appeal {
            wanted = random.pick(DemoProfile.appealOutcomes)
        } else if random.chance(profile.stoppedByDialogue) {
            wanted = random.chance(0.55) ? .resolved : .withdrawn
        } else {
            wanted = random.pick(DemoProfile.formalOutcomes)
        }
        let fallbacks: [Outcome] = draft.track == .appeal ? [.forwarded, .upheld, .withdrawn] : [.resolved, .rejected]
        let outcome = plan.outcome(wanted, fallbacks: fallbacks) ?? wanted
        var journey = DemoJourney(complaint: draft, plan: plan, profile: profile, setting: setting, random: &random)
        journey.play(outcome: outcome, closes: !random.chance(0.004), department: department, random: &random)
        var batch = journey.records
        batch.complaints.append(journey.complaint)
        return batch
    }

    /// The anonymous staff pulse answers: 5 to 12 per department and month, better after adoption.
    public func staffPulses() -> RecordBatch {
        var random = DemoRandom(seed: options.seed, DemoRandom.key(options.tenant.id.rawValue), UInt64.max)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Copenhagen") ?? .gmt
        var batch = RecordBatch()
        // Calendar months, the first and last cut to the period.
        var month = calendar.date(from: calendar.dateComponents([.year, .month], from: start)) ?? start
        while month < end {
            let next = calendar.date(byAdding: .month, value: 1, to: month) ?? end
            let from = max(month, start)
            let profile = from >= adoption ? DemoProfile.after : DemoProfile.before
            let days = max(1, ReportDay.of(min(next, end)) - ReportDay.of(from))
            for department in DemoDepartment.all {
                for _ in 0..<random.int(5...12) {
                    let day = ReportDay.start(ReportDay.of(from) + random.int(0...(days - 1)))
                    batch.pulses.append(
                        StaffPulse(
                            id: DemoIDs.next(at: day, using: &random), tenant: options.tenant.id, department: department.name,
                            score: random.pick(profile.pulseScores), day: day))
                }
            }
            month = next
        }
        return batch
    }

    /// A made-up citizen: "Testperson 124", "+45 20 00 01 24"; numbered from 1, so tests can search for them.
    static func citizen(_ number: Int, email: Bool) -> Citizen {
        let digits = String(20_000_000 + (number + 1) % 80_000_000)
        let pairs = stride(from: 0, to: 8, by: 2).map { offset -> Substring in
            let start = digits.index(digits.startIndex, offsetBy: offset)
            return digits[start..<digits.index(start, offsetBy: 2)]
        }
        return Citizen(
            name: "Testperson \(number + 1)", phone: "+45 " + pairs.joined(separator: " "),
            email: email ? "testperson\(number + 1)@example.dk" : nil)
    }
}
