import Foundation
import KlageKernel
import Synchronization

/// A test plug-in with two hooks on `contact.recorded`: `flaky` (steady) counts its runs and succeeds;
/// `flaky#2` creates a mark record for the event, then throws while the recorder has failures left.
struct FlakyHookPlugin: KlagePlugin {
    let id: PluginID = "flaky"
    let title = "Test: a hook that fails transiently"
    let recorder: HookRecorder

    /// A mark the second hook leaves for each event it saw.
    struct Mark: StorableRecord {
        static let kind = "mark"
        enum State: String, RecordState { case seen }
        var eventId: String
        var state: State
        var index: RecordIndex<State> { RecordIndex(ref: eventId, state: state) }
    }

    static let marks = PluginOperation("flaky.mark.list", summary: "The marks left by the flaky hook.", roles: [.caseworker], params: []) {
        _, context in
        ItemList(try await context.records.list(Mark.self))
    }

    func register(into registrar: inout PluginRegistrar) {
        let recorder = self.recorder
        registrar.operation(Self.marks)
        registrar.on(ContactRecorded.self) { recorded, _ in
            recorder.steadyRan(recorded.event.id.rawValue)
        }
        registrar.on(ContactRecorded.self) { recorded, context in
            try await context.records.create(Mark(eventId: recorded.event.id.rawValue, state: .seen))
            try recorder.flakyRan(recorded.event.id.rawValue)
        }
    }
}

/// What the flaky plug-in's hooks did, and how often the second one still fails.
final class HookRecorder: Sendable {
    private struct State {
        var failuresLeft: Int
        var steadyRuns: [String: Int] = [:]
        var flakyRuns: [String: Int] = [:]
        var flakySuccesses: [String: Int] = [:]
    }
    private let state: Mutex<State>

    struct TransientFailure: Error {}

    init(failures: Int) {
        state = Mutex(State(failuresLeft: failures))
    }

    func steadyRan(_ event: String) {
        state.withLock { $0.steadyRuns[event, default: 0] += 1 }
    }

    func flakyRan(_ event: String) throws {
        let fails = state.withLock { state -> Bool in
            state.flakyRuns[event, default: 0] += 1
            guard state.failuresLeft > 0 else {
                state.flakySuccesses[event, default: 0] += 1
                return false
            }
            state.failuresLeft -= 1
            return true
        }
        if fails { throw TransientFailure() }
    }

    func setFailures(_ count: Int) { state.withLock { $0.failuresLeft = count } }
    func steadyRuns(_ event: String) -> Int { state.withLock { $0.steadyRuns[event] ?? 0 } }
    func flakyRuns(_ event: String) -> Int { state.withLock { $0.flakyRuns[event] ?? 0 } }
    func flakySuccesses(_ event: String) -> Int { state.withLock { $0.flakySuccesses[event] ?? 0 } }
    /// Every event the steady hook saw.
    var events: [String] { state.withLock { Array($0.steadyRuns.keys) } }
}
