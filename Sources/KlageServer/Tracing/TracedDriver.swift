public import KlageKernel
public import KlageStorage
public import Tracing

/// A storage engine whose every transaction is a client span (`db.read` or `db.write`, with
/// `db.system`): wrapped around the driver only when tracing is on, so an untraced server pays nothing.
public struct TracedDriver: SQLDriver {
    public let inner: any SQLDriver
    private let tracer: any Tracer
    private let system: String

    public init(_ inner: any SQLDriver, tracer: any Tracer) {
        self.inner = inner
        self.tracer = tracer
        self.system = inner.dialect.name == "postgres" ? "postgresql" : inner.dialect.name
    }

    public var dialect: SQLDialect { inner.dialect }
    public var applicationRole: String? { inner.applicationRole }

    public func read<T: Sendable>(tenant: TenantID?, _ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await traced("db.read") { try await inner.read(tenant: tenant, body) }
    }

    public func write<T: Sendable>(tenant: TenantID?, _ body: @escaping @Sendable (any SQLConnection) throws -> T) async throws -> T {
        try await traced("db.write") { try await inner.write(tenant: tenant, body) }
    }

    public func ping() async -> Bool { await inner.ping() }
    public func close() async { await inner.close() }

    private func traced<T: Sendable>(_ name: String, _ work: () async throws -> T) async throws -> T {
        try await tracer.withSpan(name, ofKind: .client) { span in
            span.attributes["db.system"] = system
            return try await work()
        }
    }
}
