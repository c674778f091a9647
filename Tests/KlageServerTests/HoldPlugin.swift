import KlageKernel
import Synchronization

/// A test plug-in whose one method, `hold.request.wait`, does not answer until the test opens its
/// ``Gate``: a request held in flight for exactly as long as a test needs, with no timing involved.
struct HoldPlugin: KlagePlugin {
    let id: PluginID = "hold"
    let title = "Test: requests held in flight"
    let gate: Gate

    func register(into registrar: inout PluginRegistrar) {
        let gate = self.gate
        registrar.operation(
            PluginOperation("hold.request.wait", summary: "Answers once the test opens the gate.", roles: [.caseworker]) { _, _ in
                await gate.pass()
                return ["passed": true]
            })
    }
}

/// Where held requests wait: each arrival is announced on ``arrivals``, and ``open()`` lets every
/// waiting request (and every later one) through.
final class Gate: Sendable {
    private struct State {
        var isOpen = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())
    private let announce: AsyncStream<Void>.Continuation
    /// One element for each request that reached the gate.
    let arrivals: AsyncStream<Void>

    init() {
        (arrivals, announce) = AsyncStream.makeStream()
    }

    /// Waits until the gate is open.
    func pass() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isOpen = state.withLock { state in
                if !state.isOpen { state.waiting.append(continuation) }
                return state.isOpen
            }
            announce.yield()
            if isOpen { continuation.resume() }
        }
    }

    /// Lets every waiting request through, and every later one.
    func open() {
        let waiting = state.withLock { state in
            state.isOpen = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}
