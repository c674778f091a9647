// swift-tools-version:6.1
import PackageDescription

/// Settings shared by every target: Swift 6 language mode, explicit existentials, and imports that
/// say what they expose: a dependency that leaks into a public API is a `public import`.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// The municipal plug-ins: each is a folder under `Plugins/` that imports KlagePluginAPI only and declares
/// a public type named after its folder with a public `init()`. Adding one here is all it takes: it
/// makes its target, puts it in every target that composes or tests the plug-ins, and (through the
/// KlagePluginList build tool) in `KlagePlugins.all`, in this order.
let plugins = ["StyrketBorgerkontakt", "RoskildeABC", "GladsaxeActionGroups", "ExampleAcknowledgement"]
let pluginDependencies = plugins.map { Target.Dependency.target(name: $0) }

let package = Package(
    name: "klage",
    // macOS 15: the Synchronization module's `Mutex` and `Atomic`, which storage, RPC and the server use.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "klage", targets: ["klage"]),
        .library(name: "KlageKernel", targets: ["KlageKernel"]),
        // What a plug-in sees of the kernel: the one module the targets under `Plugins/` depend on.
        .library(name: "KlagePluginAPI", targets: ["KlagePluginAPI"]),
        // For Benchmarks/swift's micro-benchmarks of the codec and the dispatcher.
        .library(name: "KlageRPC", targets: ["KlageRPC"]),
        .library(name: "KlageServer", targets: ["KlageServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        // jwt-kit 5 needs swift-crypto 4; the API the server uses is the same in 3 and 4.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // Already resolved through Hummingbird; named so the server can reach the connection (address, close).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        // `swift package generate-documentation --target KlageKernel` builds the DocC catalog.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // `/metrics`: each host keeps its own Prometheus registry; `klage serve` also points swift-metrics at it.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Integrations: JSON-RPC over WebSocket at `/rpc/ws`, and the webhook deliveries' HTTP client.
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // Console sign-in through each tenant's OpenID Connect provider: the id token's signature and claims.
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
        // gzip for the console's files and answers (over the system's zlib).
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        // Traces of each call and its storage work, exported over OTLP/HTTP when configured (off by default);
        // the gRPC exporter is left out.
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0", traits: ["OTLPHTTP"]),
    ],
    targets: [
        // Values without a domain: the JSON tree and its coders, RFC 3339 times, hex text.
        .target(name: "KlageValues", swiftSettings: swiftSettings),
        // The domain: no I/O, Foundation and KlageValues only (re-exported).
        .target(name: "KlageKernel", dependencies: ["KlageValues"], swiftSettings: swiftSettings),
        // The plug-ins' face of the kernel: re-exports the declarations a plug-in may name, nothing more.
        .target(name: "KlagePluginAPI", dependencies: ["KlageKernel", "KlageValues"], swiftSettings: swiftSettings),

        // The leaders' figures: report cells materialised per day, and the reports read from them.
        .target(name: "KlageReports", dependencies: ["KlageKernel"], swiftSettings: swiftSettings),

        // Events out of the domain: one durable delivery engine (plug-in hooks, webhooks) and the event feed.
        .target(name: "KlageDelivery", dependencies: ["KlageKernel"], swiftSettings: swiftSettings),

        // Storage: one SQL driver protocol, repositories written once, and one driver per engine.
        // swift-crypto's SHA-256 hashes the audit chain, as it hashes API keys in KlageRPC.
        .target(
            name: "KlageStorage",
            dependencies: ["KlageKernel", "KlageReports", "KlageDelivery", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "KlageSQLite", dependencies: ["KlageStorage", "CSQLite"], swiftSettings: swiftSettings),
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(name: "KlagePostgres", dependencies: ["KlageStorage", "CLibPQ"], swiftSettings: swiftSettings),

        // JSON-RPC 2.0, transport-free.
        .target(
            name: "KlageRPC",
            dependencies: [
                "KlageKernel", "KlageReports", "KlageDelivery",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: swiftSettings
        ),

        // Composition root and executable.
        .target(
            name: "KlageServer",
            dependencies: [
                "KlageKernel", "KlageReports", "KlageDelivery", "KlageStorage", "KlageSQLite", "KlagePostgres", "KlageRPC",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "OTel", package: "swift-otel"),
            ] + pluginDependencies,
            resources: [.copy("Console/Public")],
            swiftSettings: swiftSettings,
            plugins: ["KlagePluginList"]
        ),
        // Generates `KlagePlugins.all` for KlageServer from its dependencies under `Plugins/`.
        .plugin(name: "KlagePluginList", capability: .buildTool(), path: "BuildTools/KlagePluginList"),
        .executableTarget(
            name: "klage",
            dependencies: [
                "KlageServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),

        // `klage serve` with what only tests may have (webhooks to loopback, a crash before the plug-in
        // hooks), for the tests that drive a server process; never part of the product `klage`.
        .executableTarget(
            name: "klage-test-server",
            dependencies: [
                "KlageServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/KlageTestServer",
            swiftSettings: swiftSettings
        ),

        // Helpers shared by the test targets: temporary stores on every engine, a server on loopback.
        .target(
            name: "KlageTestSupport",
            dependencies: [
                "KlageKernel", "KlageStorage", "KlageSQLite", "KlageServer", "KlageRPC",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/KlageTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "KlageKernelTests", dependencies: ["KlageKernel", "KlageReports"], swiftSettings: swiftSettings),
        .testTarget(
            name: "KlageStorageTests", dependencies: ["KlageStorage", "KlageReports", "KlageDelivery", "KlagePostgres", "KlageTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(name: "KlageRPCTests", dependencies: ["KlageRPC", "KlageKernel", "KlageTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "KlageServerTests",
            dependencies: [
                "KlageServer", "KlageReports", "KlageDelivery", "KlageTestSupport",
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            // The OpenRPC meta-schema and its validator, and the Prometheus text parser's script, read from the source tree.
            exclude: ["OpenRPC", "Metrics"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PluginTests",
            dependencies: ["KlageKernel", "KlageServer", "KlageTestSupport"] + pluginDependencies,
            swiftSettings: swiftSettings
        ),
    ]
)

// Municipal plug-ins: ordinary library targets under `Plugins/` that see the kernel through its face only:
// they import KlagePluginAPI alone (PluginBoundaryTests). KlageKernel is listed for the build alone: SwiftPM
// recompiles a target when a direct dependency's module file changes, and the face's does not change when
// the kernel's does, so without it a changed kernel would leave the plug-ins stale.
package.targets += plugins.map { name in
    .target(name: name, dependencies: ["KlagePluginAPI", "KlageKernel", "KlageValues"], path: "Plugins/\(name)", swiftSettings: swiftSettings)
}
