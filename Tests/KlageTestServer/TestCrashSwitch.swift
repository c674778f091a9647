import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// **Test server only.** With `KLAGE_TEST_CRASH_BEFORE_HOOKS=1` in its environment, `klage-test-server`
/// kills itself (SIGKILL, no shutdown) right after committing a change whose events plug-ins hook,
/// before any hook runs: `OutboxCrashTests` restarts the server and checks that the outbox runs the
/// hooks. The production binary `klage` has no such switch.
enum TestCrashSwitch {
    /// The environment variable.
    static let variable = "KLAGE_TEST_CRASH_BEFORE_HOOKS"

    /// What runs after such a commit: nothing, or the kill when the variable is `1`.
    static func beforeHooks(environment: [String: String] = ProcessInfo.processInfo.environment) -> @Sendable () -> Void {
        guard environment[variable] == "1" else { return {} }
        return { kill(getpid(), SIGKILL) }
    }
}
