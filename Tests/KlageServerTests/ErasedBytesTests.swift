import Foundation
import KlageKernel
import KlageSQLite
import KlageServer
import KlageTestSupport
import Testing

/// Erased is erased in the backups too: after `privacy.erase`, a backup of the SQLite database (`klage
/// backup` copies its pages, free ones included) holds none of the citizen's contact details, because
/// SQLite zeroes what it frees (`secure_delete`).
@Suite struct ErasedBytesTests {
    @Test func anErasedCitizensDetailsAreNotLeftInTheDatabaseFile() async throws {
        let folder = TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("klage.sqlite").path
        let clock = FixedClock(Fixtures.monday)
        let citizen: JSONValue = ["name": "Karen Slettesen", "phone": "+4520304050", "email": "karen.slettesen@example.dk", "cpr": "010190-1234"]
        try await withTestServer(.sqlite, databaseURL: "sqlite:" + file, clock: clock) { server throws in
            let key = try await server.key("kobenhavn", .caseworker)
            let admin = try await server.key("kobenhavn", .admin)
            let id = try await PrivacyFixtures.create(server, key: key, ref: "erase-bytes", citizen: citizen)
            clock.advance(by: 3600)
            try await PrivacyFixtures.closeByDialogue(server, id, key: key, at: clock)
            let erased = try await server.result("privacy.erase", ["cpr": "010190-1234"], key: admin)
            #expect(erased["complaints"]?.arrayValue?.first?["action"] == "anonymised")
        }
        let backup = folder.appendingPathComponent("backup.sqlite").path
        _ = try SQLiteBackup.make(from: file, to: backup)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: backup))
        for detail in [#""phone":"+4520304050""#, "karen.slettesen@example.dk", #""cpr":"0101901234""#] {
            #expect(bytes.range(of: Data(detail.utf8)) == nil, "\(detail) is still in a backup")
        }
    }
}
