import KlageDelivery
public import KlageKernel
import Synchronization

/// The live event stream of `/rpc/ws`: one read of a tenant's feed per interval, shared by all the
/// tenant's subscribers, however many there are.
///
/// A tenant with at least one subscriber has one polling task. Each interval it reads the tenant's
/// feed once, after the position it has reached, with no type filter, and hands each subscriber the
/// events it has not seen that its own `types` lets through: a filter is applied in memory, so one
/// that matches nothing costs no read at all. A subscriber that starts before the shared position
/// (an older `after`) is caught up from storage, a page per interval with its own filter, and then
/// joins the shared read. The task stops when the tenant's last subscriber leaves.
///
/// Each subscriber has a buffer of ``bufferSize`` events. The hub never waits for a subscriber: one
/// whose buffer is full is dropped from the stream with ``EventSubscription/overflowed`` set, and
/// the others go on.
public final class TenantEventHub: Sendable {
    /// The most events one read asks for.
    static let pageSize = 500

    /// The events a subscriber may have waiting.
    public let bufferSize: Int
    private let store: any EventFeedStore
    private let interval: Duration
    private let state = Mutex(Registry())
    private let sharedReads = Atomic<Int>(0)
    private let catchUps = Atomic<Int>(0)

    /// - Parameters:
    ///   - store: the feed.
    ///   - intervalSeconds: the time between two reads of a tenant's feed (at least 10 ms).
    ///   - bufferSize: the events a subscriber may have waiting (at least 1).
    init(store: any EventFeedStore, intervalSeconds: Double, bufferSize: Int) {
        self.store = store
        self.interval = .milliseconds(Int64(max(intervalSeconds, 0.01) * 1000))
        self.bufferSize = max(bufferSize, 1)
    }

    /// The reads of tenants' feeds made for all subscribers together (a tenant's head, or its new
    /// events), since the host started.
    public var feedReads: Int { sharedReads.load(ordering: .relaxed) }
    /// The reads made to catch one subscriber up from an `after` older than its tenant's stream.
    public var catchUpReads: Int { catchUps.load(ordering: .relaxed) }
    /// The tenants whose feed is being read now.
    public var tenantsPolled: Int { state.withLock { $0.tenants.count } }

    /// Subscribes to `tenant`'s events after position `after` whose type is in `types` (any type when `nil`).
    public func subscribe(tenant: TenantID, after: Int, types: Set<EventType>?) -> EventSubscription {
        let (events, continuation) = AsyncStream<FeedEvent>.makeStream(bufferingPolicy: .bufferingOldest(bufferSize))
        let flag = OverflowFlag()
        let (id, start, closed) = state.withLock { registry -> (UInt64, UInt64?, Bool) in
            let id = registry.nextID
            registry.nextID += 1
            guard !registry.closed else { return (id, nil, true) }
            var start: UInt64?
            if registry.tenants[tenant] == nil {
                registry.tenants[tenant] = TenantStream(generation: id)
                start = id
            }
            registry.tenants[tenant]?.members[id] = Member(types: types, cursor: after, continuation: continuation, flag: flag)
            return (id, start, false)
        }
        if closed { continuation.finish() }
        if let generation = start {
            let poller = Task { await self.poll(tenant, generation: generation) }
            let stale = state.withLock { registry in
                guard registry.tenants[tenant]?.generation == generation else { return true }
                registry.tenants[tenant]?.poller = poller
                return false
            }
            if stale { poller.cancel() }
        }
        return EventSubscription(events: events, flag: flag) { [weak self] in self?.remove(id, of: tenant) }
    }

    /// Ends every subscription and stops every read.
    func shutdown() {
        let streams = state.withLock { registry in
            registry.closed = true
            defer { registry.tenants = [:] }
            return Array(registry.tenants.values)
        }
        for stream in streams {
            stream.poller?.cancel()
            for member in stream.members.values { member.continuation.finish() }
        }
    }

    /// Takes a subscriber out; stops the tenant's reads when it was the last.
    private func remove(_ id: UInt64, of tenant: TenantID) {
        let (member, poller) = state.withLock { registry -> (Member?, Task<Void, Never>?) in
            let member = registry.tenants[tenant]?.members.removeValue(forKey: id)
            guard member != nil, registry.tenants[tenant]?.members.isEmpty == true else { return (member, nil) }
            return (member, registry.tenants.removeValue(forKey: tenant)?.poller)
        }
        member?.continuation.finish()
        poller?.cancel()
    }

    /// The tenant's polling loop: catch-ups, then the shared read, once per interval (at once again
    /// after a full page), until the tenant's stream is gone.
    private func poll(_ tenant: TenantID, generation: UInt64) async {
        var wait = false
        while !Task.isCancelled {
            if wait {
                do { try await Task.sleep(for: interval) } catch { return }
            }
            wait = true
            guard let plan = state.withLock({ $0.tenants[tenant]?.plan(generation: generation) }) else { return }
            do {
                guard let position = plan.position else {
                    let head = try await store.feedHead(tenant: tenant)
                    sharedReads.add(1, ordering: .relaxed)
                    state.withLock { registry in
                        if registry.tenants[tenant]?.generation == generation { registry.tenants[tenant]?.position = head }
                    }
                    wait = false
                    continue
                }
                for laggard in plan.laggards {
                    let page = try await store.feed(tenant: tenant, after: laggard.cursor, types: laggard.types.map(Array.init), limit: Self.pageSize)
                    catchUps.add(1, ordering: .relaxed)
                    deliver(page, from: laggard.cursor, to: [laggard.id], of: tenant, generation: generation)
                }
                let page = try await store.feed(tenant: tenant, after: position, types: nil, limit: Self.pageSize)
                sharedReads.add(1, ordering: .relaxed)
                deliver(page, from: position, to: nil, of: tenant, generation: generation)
                if page.events.count == Self.pageSize { wait = false }
            } catch is CancellationError {
                return
            } catch {
                // Storage is away for a moment: read again after the interval.
            }
        }
    }

    /// Hands `page`, read after `from`, to the subscribers it is for: `only` those named, or (`nil`)
    /// every subscriber that has reached `from`, which also moves the tenant's shared position.
    /// Never waits for a subscriber: one whose buffer is full is taken out, marked as overflowed.
    private func deliver(_ page: FeedPage, from: Int, to only: [UInt64]?, of tenant: TenantID, generation: UInt64) {
        let sends = state.withLock { registry -> [(UInt64, Member, [FeedEvent])] in
            guard var stream = registry.tenants[tenant], stream.generation == generation else { return [] }
            var sends: [(UInt64, Member, [FeedEvent])] = []
            for id in only ?? Array(stream.members.keys) {
                guard var member = stream.members[id], only != nil ? member.cursor == from : member.cursor >= from else { continue }
                let cursor = member.cursor
                let events = page.events.filter { $0.position > cursor && member.types?.contains($0.event.type) != false }
                member.cursor = max(cursor, page.next)
                stream.members[id] = member
                if !events.isEmpty { sends.append((id, member, events)) }
            }
            if only == nil { stream.position = page.next }
            registry.tenants[tenant] = stream
            return sends
        }
        for (id, member, events) in sends {
            for event in events {
                if case .dropped = member.continuation.yield(event) {
                    member.flag.set()
                    remove(id, of: tenant)
                    break
                }
            }
        }
    }

    /// One subscriber as the hub keeps it.
    private struct Member: Sendable {
        let types: Set<EventType>?
        /// The position up to which the subscriber has been handed every event.
        var cursor: Int
        let continuation: AsyncStream<FeedEvent>.Continuation
        let flag: OverflowFlag
    }

    /// A subscriber to catch up, with what it needs for its read.
    private struct Laggard: Sendable {
        let id: UInt64
        let cursor: Int
        let types: Set<EventType>?
    }

    /// What one pass of a tenant's loop reads.
    private struct Plan: Sendable {
        /// Where the shared read starts; `nil` before the tenant's head was read.
        let position: Int?
        let laggards: [Laggard]
    }

    /// One tenant's subscribers and where its shared read has come to.
    private struct TenantStream: Sendable {
        /// Tells a loop of an earlier stream of the same tenant that it is no longer wanted.
        let generation: UInt64
        var members: [UInt64: Member] = [:]
        var position: Int?
        var poller: Task<Void, Never>?

        func plan(generation: UInt64) -> Plan? {
            guard generation == self.generation, !members.isEmpty else { return nil }
            guard let position else { return Plan(position: nil, laggards: []) }
            let laggards = members.filter { $0.value.cursor < position }.map { Laggard(id: $0.key, cursor: $0.value.cursor, types: $0.value.types) }
            return Plan(position: position, laggards: laggards)
        }
    }

    /// Every tenant's stream.
    private struct Registry: Sendable {
        var nextID: UInt64 = 1
        var tenants: [TenantID: TenantStream] = [:]
        var closed = false
    }
}
