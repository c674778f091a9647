import Foundation
import KlageServer
import Testing

/// The `/rpc/ws` limits in `klage.json`: each is read when given, and has its default when not.
@Suite struct IntegrationSettingsTests {
    @Test func theSocketLimitsAreReadAndDefaulted() throws {
        let defaults = try JSONDecoder().decode(IntegrationSettings.self, from: Data("{}".utf8))
        #expect(defaults.socketsPerKey == 8)
        #expect(defaults.socketsPerTenant == 64)
        #expect(defaults.socketIdleSeconds == 60)
        #expect(defaults.socketMessageBytes == 65_536)
        #expect(defaults.subscriberBufferEvents == 1_000)
        let json = #"{"socketsPerKey": 2, "socketsPerTenant": 5, "socketIdleSeconds": 7.5, "socketMessageBytes": 4096, "subscriberBufferEvents": 50}"#
        let given = try JSONDecoder().decode(IntegrationSettings.self, from: Data(json.utf8))
        #expect(given.socketsPerKey == 2)
        #expect(given.socketsPerTenant == 5)
        #expect(given.socketIdleSeconds == 7.5)
        #expect(given.socketMessageBytes == 4096)
        #expect(given.subscriberBufferEvents == 50)
    }
}
