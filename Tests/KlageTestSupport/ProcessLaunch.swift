public import Foundation
import Synchronization

/// Starts child processes one at a time across the whole test run.
///
/// Foundation's `Process.run()` on Linux is not safe to call from two threads at once: with the
/// suite's tests running in parallel, two launches crashed inside it (a bad read in `memmove`). Every
/// test that starts a process does it through here; the processes themselves still run side by side.
public enum ProcessLaunch {
    private static let lock = Mutex(())

    /// Runs `process.run()` while no other test is launching one.
    public static func run(_ process: Process) throws {
        try lock.withLock { _ in try process.run() }
    }
}
