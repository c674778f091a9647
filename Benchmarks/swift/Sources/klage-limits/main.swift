import CSQLiteLimits
import Foundation
import Hummingbird

// The limits `Benchmarks/run` sets Klage against, each measured here with nothing of Klage in it:
//
//   klage-limits echo PORT                       a bare Hummingbird server answering POST /rpc with its body
//   klage-limits sqlite-commits FILE SECONDS     one-row durable transactions, one after another (WAL, FULL)
//   klage-limits sqlite-reads FILE SECONDS N     primary-key reads on N connections at once
//
// The SQLite loops open their connections with Klage's settings (Sources/KlageSQLite/SQLiteConnection.swift)
// and print one JSON line: {"rate": per second, "p50ms": …, "p99ms": …}.

let arguments = Array(CommandLine.arguments.dropFirst())
switch (arguments.first, arguments.count) {
case ("echo", 2):
    try await EchoServer.run(port: Int(arguments[1])!)
case ("sqlite-commits", 3):
    print(try SQLiteLimits.commits(path: arguments[1], seconds: Double(arguments[2])!).json)
case ("sqlite-reads", 4):
    print(try SQLiteLimits.reads(path: arguments[1], seconds: Double(arguments[2])!, connections: Int(arguments[3])!).json)
default:
    FileHandle.standardError.write(Data("usage: klage-limits echo PORT | sqlite-commits FILE SECONDS | sqlite-reads FILE SECONDS N\n".utf8))
    exit(2)
}
