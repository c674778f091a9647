public import Foundation
import Synchronization

#if canImport(Glibc)
    public import Glibc
#elseif canImport(Darwin)
    public import Darwin
#endif

/// A child process started with `posix_spawn`, for tests that run `klage`, Python checkers or a shell.
///
/// Foundation's `Process.run()` in Swift 6.3.1 reads past glibc's directory buffer while it lists
/// `/proc/self/fd` to close inherited descriptors (swift-corelibs-foundation#5472), and crashed the
/// test process (SIGSEGV in `memmove`) when the parallel suite held some 1,500 descriptors. This
/// launcher asks glibc to close every descriptor from 3 up in the child instead
/// (`posix_spawn_file_actions_addclosefrom_np`), so it does not depend on how many are open.
///
/// ```swift
/// let result = try ChildProcess.run("/usr/bin/python3", ["-c", "print(1)"])
/// #expect(result.status == 0 && result.stdout == "1\n")
/// ```
public final class ChildProcess: Sendable {
    /// How a child ended.
    public enum Termination: Equatable, Sendable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// What the child's standard output or error is connected to.
    public enum Output: Sendable {
        case discarded
        /// Appended to the file at this path, which must exist.
        case file(String)
        /// Standard error only: the same file as standard output.
        case standardOutput
    }

    public let processIdentifier: pid_t
    private let termination = Mutex<Termination?>(nil)

    private init(processIdentifier: pid_t) { self.processIdentifier = processIdentifier }

    /// Starts `executable` with `arguments`. `environment` replaces the test process's when given;
    /// `directory` is the working directory; `input` is a file read as standard input (none: `/dev/null`).
    /// - Throws: ``LaunchFailure`` when the executable cannot be started.
    public static func start(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil,
        input: String? = nil, output: Output = .discarded, error: Output = .discarded
    ) throws -> ChildProcess {
        #if canImport(Glibc)
            var actions = posix_spawn_file_actions_t()
        #else
            var actions: posix_spawn_file_actions_t? = nil
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input ?? "/dev/null", O_RDONLY, 0)
        for (descriptor, target) in [(Int32(1), output), (Int32(2), error)] {
            switch target {
            case .discarded: posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", O_WRONLY, 0)
            case .file(let path): posix_spawn_file_actions_addopen(&actions, descriptor, path, O_WRONLY | O_APPEND, 0)
            case .standardOutput: posix_spawn_file_actions_adddup2(&actions, 1, descriptor)
            }
        }
        // The child inherits no descriptor but 0, 1 and 2.
        #if canImport(Glibc)
            if let directory { _ = GlibcSpawnExtensions.addChangeDirectory(&actions, directory) }
            _ = GlibcSpawnExtensions.addCloseFrom(&actions, 3)
        #else
            if let directory { posix_spawn_file_actions_addchdir_np(&actions, directory) }
            var spawnAttributes: posix_spawnattr_t? = nil
            posix_spawnattr_init(&spawnAttributes)
            defer { posix_spawnattr_destroy(&spawnAttributes) }
            posix_spawnattr_setflags(&spawnAttributes, Int16(POSIX_SPAWN_CLOEXEC_DEFAULT))
        #endif

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let pairs = environment.map { $0.map { "\($0.key)=\($0.value)" } }
        let envp = pairs.map { $0.map { strdup($0) } + [nil] }
        defer {
            for argument in argv { free(argument) }
            for variable in envp ?? [] { free(variable) }
        }
        var pid: pid_t = 0
        #if canImport(Glibc)
            let status =
                envp.map { posix_spawn(&pid, executable, &actions, nil, argv, $0) } ?? posix_spawn(&pid, executable, &actions, nil, argv, environ)
        #else
            let status =
                envp.map { posix_spawn(&pid, executable, &actions, &spawnAttributes, argv, $0) }
                ?? posix_spawn(&pid, executable, &actions, &spawnAttributes, argv, environ)
        #endif
        guard status == 0 else { throw LaunchFailure(executable: executable, code: status) }
        return ChildProcess(processIdentifier: pid)
    }

    /// Runs `executable` to its end with `input` on standard input and returns its status and what
    /// it printed. `mergingErrors` sends standard error into `stdout`.
    ///
    /// It waits on a thread of its own: Swift's cooperative pool has a thread per core (two here), and a
    /// test that held one for a minute-long child (the browser journey) while another did the same
    /// stalled every other test in the process until their clients timed out.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil,
        input: Data = Data(), mergingErrors: Bool = false
    ) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await offThePool {
            try runBlocking(executable, arguments, environment: environment, directory: directory, input: input, mergingErrors: mergingErrors)
        }
    }

    /// Blocks until the child exits and returns how it ended, waiting on a thread of its own.
    @discardableResult
    public func exit() async -> Termination {
        await offThePool { self.waitUntilExit() }
    }

    /// ``run(_:_:environment:directory:input:mergingErrors:)`` holding the calling thread: only for a
    /// child that ends within a second or so (creating a key), where the caller cannot wait asynchronously.
    public static func runBlocking(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil, input: Data = Data(),
        mergingErrors: Bool = false
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        let (stdin, stdout, stderr) = (path("stdin"), path("stdout"), path("stderr"))
        _ = FileManager.default.createFile(atPath: stdin, contents: input)
        _ = FileManager.default.createFile(atPath: stdout, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr, contents: nil)
        let child = try start(
            executable, arguments, environment: environment, directory: directory, input: stdin, output: .file(stdout),
            error: mergingErrors ? .standardOutput : .file(stderr))
        let status: Int32 =
            switch child.waitUntilExit() {
            case .exited(let code): code
            case .signalled(let signal): 128 + signal
            }
        let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return (status, read(stdout), read(stderr))
    }

    /// Whether the child has not exited yet (reaping it if it has).
    public var isRunning: Bool { reap(blocking: false) == nil }

    /// Sends `signal` to the child unless it has been reaped.
    public func send(_ signal: Int32) {
        termination.withLock { if $0 == nil { _ = kill(processIdentifier, signal) } }
    }

    /// Blocks until the child exits and returns how it ended.
    @discardableResult
    public func waitUntilExit() -> Termination { reap(blocking: true)! }

    private func reap(blocking: Bool) -> Termination? {
        termination.withLock { known in
            if let known { return known }
            var status: Int32 = 0
            var result: pid_t
            repeat { result = waitpid(processIdentifier, &status, blocking ? 0 : WNOHANG) } while result == -1 && errno == EINTR
            guard result == processIdentifier else { return nil }
            // The wait status as <sys/wait.h> lays it out: low 7 bits the signal, next 8 the exit code.
            known = status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
            return known
        }
    }

    /// `posix_spawn` refused to start the executable.
    public struct LaunchFailure: Error, CustomStringConvertible {
        public let executable: String
        public let code: Int32
        public var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
    }
}

#if canImport(Glibc)
    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34) and `…_addchdir_np` (2.29), which Swift's
    /// Glibc module does not declare, looked up by name once. (macOS closes the rest with
    /// `POSIX_SPAWN_CLOEXEC_DEFAULT` instead.)
    private enum GlibcSpawnExtensions {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

        static let addCloseFrom: CloseFrom = lookUp("posix_spawn_file_actions_addclosefrom_np")
        static let addChangeDirectory: ChangeDirectory = lookUp("posix_spawn_file_actions_addchdir_np")

        private static func lookUp<Function>(_ name: String) -> Function {
            guard let symbol = dlsym(nil, name) else { fatalError("glibc has no \(name)") }
            return unsafeBitCast(symbol, to: Function.self)
        }
    }
#endif

/// Runs blocking `work` (a wait for a child process) on a thread of its own and returns its result, so
/// that the cooperative pool's few threads keep serving the other tests meanwhile.
public func offThePool<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}

/// ``offThePool(_:)`` for work that cannot fail.
public func offThePool<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: work()) }
    }
}
