import KlageKernel
import KlageTestSupport
import Testing

/// Throw-away: the report figure `assigned`, counted, served and described by `rpc.discover`.
@Suite struct ThrowawayAssignedFigureTests {
    @Test(arguments: StorageBackend.available)
    func theAssignedFigureIsCountedAndDescribed(_ backend: StorageBackend) async throws {
        let clock = FixedClock(CohortFiguresTests.end)
        try await withTestServer(backend, clock: clock) { server throws in
            let leader = try await CohortFiguresTests.dataSet(server, clock: clock)
            let whole = try #require(try await server.result("report.figures", CohortFiguresTests.autumn, key: leader)["groups"]?.arrayValue?.first)
            #expect(whole["assigned"]?.numberValue != nil)
            let discover = try await server.result("rpc.discover", key: nil)
            #expect("\(discover)".contains("\"assigned\""))
        }
    }
}
