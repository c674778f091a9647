public import KlageKernel

/// The one dispatcher of durable deliveries: for each channel and tenant with work, it takes at most
/// ``tenantShare`` due deliveries, has the channel attempt them, and records how they went.
///
/// Every instance may run it (see ``DeliveryLedger``). Tenants and channels are dispatched apart, each
/// pass with its own share, so one tenant's hanging endpoints cannot hold another tenant's deliveries,
/// nor its own plug-in hooks.
public struct DeliveryEngine: Sendable {
    /// The most deliveries of one tenant and channel in flight at once in one instance: its share.
    public static let tenantShare = 8

    /// The book the engine keeps its deliveries in.
    public let ledger: DeliveryLedger
    /// The channels it dispatches, by name.
    public let channels: [String: any DeliveryChannel]

    public init(ledger: DeliveryLedger, channels: [any DeliveryChannel]) {
        self.ledger = ledger
        self.channels = Dictionary(channels.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The lanes with work now: each channel's tenants that may have some. A channel whose tenants
    /// cannot be read is reported and skipped.
    public func lanes() async -> [DeliveryLane] {
        var lanes: [DeliveryLane] = []
        for channel in channels.values.sorted(by: { $0.name < $1.name }) {
            do {
                let tenants = try await channel.tenantsToDispatch(at: ledger.clock.now())
                lanes += tenants.map { DeliveryLane(channel: channel.name, tenant: $0) }
            } catch {
                ledger.failed("\(channel.name) dispatch", error)
            }
        }
        return lanes
    }

    /// One pass of every lane at once, side by side. A lane whose pass fails is reported and skipped.
    /// - Returns: how many attempts ran.
    @discardableResult
    public func dispatchDue() async -> Int {
        let lanes = await lanes()
        return await withTaskGroup(of: Int.self) { group in
            for lane in lanes {
                group.addTask {
                    do {
                        return try await dispatchDue(lane)
                    } catch {
                        ledger.failed("\(lane.channel) dispatch", error)
                        return 0
                    }
                }
            }
            return await group.reduce(0, +)
        }
    }

    /// One pass of one lane: the channel makes the tenant's new deliveries, then at most ``tenantShare``
    /// of its due ones are taken, attempted and recorded. - Returns: how many attempts ran.
    @discardableResult
    public func dispatchDue(_ lane: DeliveryLane) async throws -> Int {
        guard let channel = channels[lane.channel] else { return 0 }
        try await channel.prepare(tenant: lane.tenant, at: ledger.clock.now())
        let due = try await ledger.store.dueDeliveries(tenant: lane.tenant, channel: channel.name, at: ledger.clock.now(), limit: Self.tenantShare)
        return try await attempt(due, on: channel, tenant: lane.tenant)
    }

    /// Retries one delivery by hand and attempts it now: pending again with a fresh count of attempts.
    /// - Returns: the delivery after that attempt. - Throws: not found when there is no such delivery,
    ///   conflict when it is delivered already.
    public func retryNow(_ key: DeliveryKey, tenant: TenantID) async throws -> Delivery {
        let query = DeliveryQuery(channel: key.channel, tenant: tenant, target: key.target, eventId: key.eventId)
        guard try await ledger.retry(query) > 0 else {
            if try await ledger.store.delivery(key, tenant: tenant) != nil { throw KlageError.conflict("the delivery is done already") }
            throw KlageError.notFound("delivery")
        }
        if let due = try await ledger.store.delivery(key, tenant: tenant), let channel = channels[key.channel] {
            _ = try await attempt([due], on: channel, tenant: tenant)
        }
        guard let after = try await ledger.store.delivery(key, tenant: tenant) else { throw KlageError.notFound("delivery") }
        return after.delivery
    }

    /// Takes `due`, has `channel` attempt what this caller took, and records the outcomes.
    /// - Returns: how many it took.
    private func attempt(_ due: [DueDelivery], on channel: any DeliveryChannel, tenant: TenantID) async throws -> Int {
        let taken = try await ledger.claim(due, lease: channel.lease)
        guard !taken.isEmpty else { return 0 }
        let attempts = await channel.attempt(taken, tenant: tenant)
        try await ledger.record(zip(taken.map(\.delivery), attempts).map { ($0, $1) })
        return taken.count
    }
}

/// One channel's deliveries of one tenant: what a dispatcher runs apart from the rest.
public struct DeliveryLane: Sendable, Hashable {
    public let channel: String
    public let tenant: TenantID

    public init(channel: String, tenant: TenantID) {
        self.channel = channel
        self.tenant = tenant
    }
}
