import KlageKernel
import KlageStorage
import Synchronization

/// The host's tenants, kept in memory and read again from storage at most every ``maxAge``, so an
/// anonymous door (the intake page) answers an unknown tenant name without a query: a client walking
/// made-up names costs the database one read of the tenants a few seconds, whatever it sends.
///
/// A tenant created or changed through another instance is seen within ``maxAge``.
final class TenantDirectory: Sendable {
    /// How old the list may be before the next request reads it again.
    static let maxAge = Duration.seconds(5)

    private let load: @Sendable () async throws -> [Tenant]
    private let state = Mutex<(loadedAt: ContinuousClock.Instant?, tenants: [TenantID: Tenant], loading: Task<Void, Never>?)>((nil, [:], nil))

    init(load: @escaping @Sendable () async throws -> [Tenant]) {
        self.load = load
    }

    /// The tenant named `id`, or `nil` for none.
    ///
    /// - Throws: a storage error when the list has never been read and cannot be now.
    func tenant(_ id: TenantID, now: ContinuousClock.Instant = .now) async throws -> Tenant? {
        let refresh: Task<Void, Never>? = state.withLock { state in
            if let loadedAt = state.loadedAt, now - loadedAt < Self.maxAge { return nil }
            if let loading = state.loading { return loading }
            let load = self.load
            let task = Task {
                let tenants = try? await load()
                self.state.withLock { state in
                    state.loading = nil
                    guard let tenants else { return }
                    state.tenants = Dictionary(tenants.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                    state.loadedAt = .now
                }
            }
            state.loading = task
            return task
        }
        await refresh?.value
        return try state.withLock { state in
            guard state.loadedAt != nil else { throw KlageError.unavailable("the tenants cannot be read now") }
            return state.tenants[id]
        }
    }
}
