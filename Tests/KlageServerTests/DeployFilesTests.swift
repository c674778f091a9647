import Foundation
import KlageTestSupport
import Testing

/// The deployment files, checked without Docker or a cluster: `hadolint` on `Deploy/Dockerfile`,
/// `kubernetes-validate --strict` on every manifest in `Deploy/kubernetes/`, and `Deploy/check-deploy.py`
/// for what the linters cannot see (both instances of `Deploy/compose.yaml` on the same PostgreSQL,
/// HAProxy in front of both, probes on `/readyz` and `/healthz`, the Secret and ConfigMaps the pods name).
///
/// The tools are the pinned ones of `Deploy/test-tools.txt` in `.build/tools-venv`, which
/// `Deploy/setup-debian.sh --with-test-tools` installs (`Deploy/test.sh` does); a missing tool fails.
@Suite struct DeployFilesTests {
    struct ToolFailure: Error, CustomStringConvertible { let description: String }

    /// The repository's root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func dockerfilePassesHadolint() async throws {
        let result = try await Self.run("hadolint", ["--no-color", "--failure-threshold", "style", "Deploy/Dockerfile"])
        #expect(result.status == 0 && result.output.isEmpty, "hadolint Deploy/Dockerfile:\n\(result.output)")
    }

    @Test func kubernetesManifestsValidate() async throws {
        let folder = Self.root.appendingPathComponent("Deploy/kubernetes").path
        let manifests = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(manifests.count >= 5, "Deploy/kubernetes holds \(manifests)")
        for manifest in manifests {
            let result = try await Self.run("kubernetes-validate", ["--strict", "--quiet", "Deploy/kubernetes/\(manifest)"])
            #expect(result.status == 0 && !result.output.contains("ERROR"), "kubernetes-validate Deploy/kubernetes/\(manifest):\n\(result.output)")
        }
    }

    @Test(arguments: ["compose", "kubernetes", "image"])
    func deployFilesFitTogether(_ part: String) async throws {
        let result = try await Self.run("python3", ["Deploy/check-deploy.py", part])
        #expect(result.status == 0 && result.output.isEmpty, "Deploy/check-deploy.py \(part):\n\(result.output)")
    }

    /// Runs a tool of `.build/tools-venv/bin` in the repository's root, with its output and errors together.
    /// - Throws: ``ToolFailure`` naming `Deploy/setup-debian.sh` when the tool is not installed.
    static func run(_ tool: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let executable = root.appendingPathComponent(".build/tools-venv/bin").appendingPathComponent(tool)
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw ToolFailure(
                description:
                    "\(executable.path) is missing: run Deploy/setup-debian.sh --with-test-tools (Deploy/test.sh does) to install the pinned tools of Deploy/test-tools.txt"
            )
        }
        let result = try await ChildProcess.run(executable.path, arguments, directory: root.path, mergingErrors: true)
        return (result.status, result.stdout)
    }
}
