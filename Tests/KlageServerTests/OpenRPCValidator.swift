import Foundation
import KlageKernel
import KlageTestSupport

/// Checks a document against the OpenRPC 1.3 meta-schema with `OpenRPC/validate.py` beside this file.
///
/// The script needs a Python 3 with the `jsonschema` package (`Deploy/setup-debian.sh` installs
/// Debian's `python3-jsonschema`). The first of `$KLAGE_PYTHON`, `/usr/bin/python3` and the `python3`
/// on `PATH` that can import it runs the script.
///
/// ```swift
/// try OpenRPCValidator.validate(try await server.result("rpc.discover", key: key))
/// ```
/// - Throws: ``Invalid`` with the validator's findings, or when no Python can run it.
enum OpenRPCValidator {
    struct Invalid: Error, CustomStringConvertible { let description: String }

    /// The validator script, found from this source file's path.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("OpenRPC").appendingPathComponent("validate.py").path

    static func validate(_ document: JSONValue) throws {
        guard FileManager.default.fileExists(atPath: script) else { throw Invalid(description: "validator not found at \(script)") }
        guard let python = python else {
            throw Invalid(description: "no python3 with the jsonschema package; run Deploy/setup-debian.sh (python3-jsonschema)")
        }
        let (status, output) = try run(python, [script, "-"], input: try JSONEncoder().encode(document))
        guard status == 0 else { throw Invalid(description: output) }
    }

    /// The first Python 3 that can import jsonschema.
    private static let python: [String]? = {
        var candidates: [[String]] = [["/usr/bin/python3"], ["/usr/bin/env", "python3"]]
        if let chosen = ProcessInfo.processInfo.environment["KLAGE_PYTHON"] { candidates.insert(["/usr/bin/env", chosen], at: 0) }
        return candidates.first { candidate in
            FileManager.default.isExecutableFile(atPath: candidate[0])
                && (try? run(candidate, ["-c", "import jsonschema"], input: Data()).status) == 0
        }
    }()

    private static func run(_ command: [String], _ arguments: [String], input: Data) throws -> (status: Int32, output: String) {
        let result = try ChildProcess.runBlocking(command[0], Array(command.dropFirst()) + arguments, input: input, mergingErrors: true)
        return (result.status, result.stdout)
    }
}
