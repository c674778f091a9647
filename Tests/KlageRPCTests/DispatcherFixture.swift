import KlageKernel
import KlageTestSupport
import Logging

@testable import KlageRPC

/// Runs `body` with a dispatcher serving `methods` over a real SQLite store, with no plug-ins.
///
/// ```swift
/// try await withDispatcher(serving: [echo]) { dispatcher in … }
/// ```
func withDispatcher(serving methods: [RPCMethod], _ body: (RPCDispatcher) async throws -> Void) async throws {
    try await withTestStore(.sqlite) { store throws in
        let env = Fixtures.environment(store, registry: try PluginRegistryBuilder().build())
        var builder = RPCMethodRegistry.Builder()
        builder.register(methods)
        try await body(RPCDispatcher(registry: builder.build(), keys: APIKeyService(env), logger: Logger(label: "test")))
    }
}
