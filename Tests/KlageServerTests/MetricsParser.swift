import Foundation
import KlageTestSupport

/// Parses a `/metrics` scrape with the Python `prometheus_client` text-format parser, through
/// `Metrics/parse_metrics.py` beside this file, which also checks TYPE and HELP lines, duplicate series
/// and histogram buckets.
///
/// The interpreter is the repository's tools virtualenv, `.build/tools-venv/bin/python3`, which
/// `Deploy/setup-debian.sh` creates with `prometheus-client` in it (or by hand:
/// `python3 -m venv .build/tools-venv && .build/tools-venv/bin/pip install prometheus-client`).
///
/// ```swift
/// let samples = try MetricsParser.parse(text)
/// #expect(samples.value("klage_rpc_requests_total", ["method": "system.health"]) == 2)
/// ```
enum MetricsParser {
    struct Failed: Error, CustomStringConvertible { let description: String }

    /// One sample of the scrape.
    struct Sample: Decodable, Equatable {
        let family: String
        let type: String
        let name: String
        let labels: [String: String]
        let value: Double
    }

    /// The repository, found from this source file's path.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Metrics/parse_metrics.py").path
    static let python = repository.appendingPathComponent(".build/tools-venv/bin/python3").path

    /// Every sample of `text`. - Throws: ``Failed`` with the parser's complaint, or when the virtualenv is missing.
    static func parse(_ text: String) throws -> [Sample] {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Failed(
                description:
                    "no \(python): run Deploy/setup-debian.sh, or python3 -m venv .build/tools-venv && .build/tools-venv/bin/pip install prometheus-client"
            )
        }
        let (status, output, complaint) = try ChildProcess.runBlocking(python, [script], input: Data(text.utf8))
        guard status == 0 else { throw Failed(description: "parse_metrics.py: \(complaint)") }
        return try JSONDecoder().decode([Sample].self, from: Data(output.utf8))
    }
}

extension [MetricsParser.Sample] {
    /// The value of the sample named `name` with exactly `labels`, if there is one.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        first { $0.name == name && $0.labels == labels }?.value
    }

    /// The samples named `name`.
    func named(_ name: String) -> [MetricsParser.Sample] {
        filter { $0.name == name }
    }
}
