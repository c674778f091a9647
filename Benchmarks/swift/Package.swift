// swift-tools-version:6.1
import PackageDescription

/// What `Benchmarks/run` measures Klage against, built apart from Klage so that neither its build nor
/// its CI carries them: `klage-limits`, a bare Hummingbird echo server and raw libsqlite3 loops; and
/// the micro-benchmarks of the JSON-RPC codec and dispatcher (ordo-one/benchmark):
///
///     swift package --package-path Benchmarks/swift benchmark
let package = Package(
    name: "klage-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(name: "klage", path: "../.."),
    ],
    targets: [
        .systemLibrary(name: "CSQLiteLimits", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .executableTarget(
            name: "klage-limits",
            dependencies: ["CSQLiteLimits", .product(name: "Hummingbird", package: "hummingbird")]
        ),
        .executableTarget(
            name: "RPCBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "KlageRPC", package: "klage"),
                .product(name: "KlageServer", package: "klage"),
                .product(name: "KlageKernel", package: "klage"),
            ],
            path: "Benchmarks/RPCBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
