public import KlageKernel
public import KlageStorage
public import Tracing

/// A storage engine whose transactions in a traced request are client spans (`db.read` or `db.write`,
/// with `db.system`): wrapped around the driver only when tracing is on, so an untraced server pays
/// nothing. The background work's polls (deliveries every 0.2 s, deadlines) are not traced: they would
/// be a stream of one-span traces that tell an operator nothing.
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
        guard ServiceContext.current != nil else { return try await work() }
        return try await tracer.withSpan(name, ofKind: .client) { span in
            span.attributes["db.system"] = system
            return try await work()
        }
    }
}
