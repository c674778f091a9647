import Foundation
import KlageKernel
public import KlageStorage

/// Writes ``DemoData`` to a store: batches are generated and turned into statements in parallel, a few
/// ahead, while the previous one is written in its own transaction.
public struct DemoLoader: Sendable {
    public let demo: DemoData
    public let store: SQLKlageStore
    /// How many batches are generated ahead of the one being written.
    public let ahead: Int

    /// A loader of `demo` into `store`; `ahead` defaults to the number of processors.
    public init(demo: DemoData, store: SQLKlageStore, ahead: Int? = nil) {
        self.demo = demo
        self.store = store
        self.ahead = max(1, ahead ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Generates and writes every batch, then the staff pulses.
    ///
    /// - Parameter progress: called after each batch with the number of complaints written so far.
    /// - Returns: the number of rows written.
    @discardableResult
    public func load(progress: (Int) -> Void = { _ in }) async throws -> Int {
        let tenant = demo.options.tenant.id
        var pending: [Task<PreparedBatch, any Error>] = []
        var next = 0
        var rows = 0
        var written = 0
        while next < demo.batchCount || !pending.isEmpty {
            while next < demo.batchCount, pending.count < ahead {
                let index = next
                pending.append(Task { [demo] in try demo.batch(index).prepared() })
                next += 1
            }
            let batch = try await pending.removeFirst().value
            try await store.insertBatch(batch, tenant: tenant)
            rows += batch.rowCount
            written = min(written + demo.options.batchSize, demo.options.complaints)
            progress(written)
        }
        let pulses = demo.staffPulses()
        try await store.insertBatch(pulses, tenant: tenant)
        return rows + pulses.rowCount
    }
}
