// swift-tools-version:6.1
import PackageDescription

/// What `Benchmarks/run` measures Klage against, built apart from Klage so that neither its build nor
/// its CI carries them: `klage-limits`, a bare Hummingbird echo server and raw libsqlite3 loops.
let package = Package(
    name: "klage-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1")
    ],
    targets: [
        .systemLibrary(name: "CSQLiteLimits", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .executableTarget(
            name: "klage-limits",
            dependencies: ["CSQLiteLimits", .product(name: "Hummingbird", package: "hummingbird")]
        ),
    ]
)
