public import Foundation
public import KlageKernel
public import Logging
public import Tracing

/// Serves JSON-RPC 2.0 bodies: parses, authenticates, authorises, decodes params and calls handlers.
///
/// Transport-free: the HTTP layer hands it the body and the `Authorization` header.
///
/// ```
///   body ──parse──▶ request(s) ──method?──▶ key? ──role?──▶ params ──▶ handler ──▶ response(s)
///          -32700     -32600      -32601     -32001  -32003   -32602/-32022   -32004/-32009/…
/// ```
public struct RPCDispatcher: Sendable {
    /// The most requests one batch may hold.
    public static let maxBatch = 100

    /// The methods served.
    public let registry: RPCMethodRegistry
    private let keys: APIKeyService
    private let logger: Logger
    private let observer: (any RPCObserver)?
    private let tracer: (any Tracer)?

    /// - Parameters:
    ///   - observer: told of every call answered (for metrics); none by default.
    ///   - tracer: makes a span of every call (`jsonrpc <method>`, in the current trace); none by default.
    public init(
        registry: RPCMethodRegistry, keys: APIKeyService, logger: Logger, observer: (any RPCObserver)? = nil, tracer: (any Tracer)? = nil
    ) {
        self.registry = registry
        self.keys = keys
        self.logger = logger
        self.observer = observer
        self.tracer = tracer
    }

    /// Answers one HTTP body. Returns `nil` when nothing is to be sent (notifications only).
    ///
    /// The body is read by ``JSONParser``, never by Foundation's decoder, so no body can crash the
    /// host; a body that is not JSON is answered with -32700 and id `null`. Every log line of the
    /// request carries `request.id`; none carries params.
    ///
    /// - Parameters:
    ///   - body: the HTTP body.
    ///   - authorization: the `Authorization` header, if any.
    ///   - requestID: the request's id for logs (the transport echoes it); a fresh one by default.
    /// - Returns: the response body, or `nil` for notifications only.
    public func handle(body: Data, authorization: String?, requestID: RequestID = RequestID()) async -> Data? {
        await reply(body: body, authorization: authorization, requestID: requestID).body
    }

    /// Answers one HTTP body as ``handle(body:authorization:requestID:)`` does, asking `admission`
    /// before each request (each batch element) is served.
    ///
    /// - Returns: the body, and a retry hint when every request answered was refused with -32029.
    /// - Parameter served: methods the transport serves itself (such as `event.subscribe` over
    ///   WebSocket), declared as any other: a request for one is parsed, checked, admitted, authorised
    ///   and its params decoded as for any other, and then its handler runs instead of the registry's,
    ///   so that the body is read once, by one parser.
    public func reply(
        body: Data, authorization: String?, requestID: RequestID = RequestID(), admission: RPCAdmission? = nil, served: [RPCMethod] = []
    ) async -> RPCReply {
        var tally = Tally(admission: admission, served: Dictionary(served.map { ($0.name, $0) }) { first, _ in first })
        let body = await answer(body: body, caller: Caller(authorization: authorization, keys: keys), requestID: requestID, tally: &tally)
        return tally.reply(body)
    }

    /// Answers one HTTP body of a web console session as ``reply(body:authorization:requestID:admission:)``
    /// answers one with a bearer key: the session's key, found by its stored hash, is the caller, with
    /// the same role checks, admission and access log.
    public func reply(body: Data, sessionKeyHash: String, requestID: RequestID = RequestID(), admission: RPCAdmission? = nil) async -> RPCReply {
        var tally = Tally(admission: admission)
        let body = await answer(body: body, caller: Caller(sessionKeyHash: sessionKeyHash, keys: keys), requestID: requestID, tally: &tally)
        return tally.reply(body)
    }

    /// Answers one HTTP body of a web console session of a person (signed in through the tenant's
    /// identity provider): `actor` is the caller, with the same role checks, admission and access log.
    public func reply(
        body: Data, sessionActor actor: Principal, tenant: Tenant, requestID: RequestID = RequestID(), admission: RPCAdmission? = nil
    ) async -> RPCReply {
        var tally = Tally(admission: admission)
        let body = await answer(body: body, caller: Caller(actor: actor, tenant: tenant, keys: keys), requestID: requestID, tally: &tally)
        return tally.reply(body)
    }

    /// Counts the requests answered and refused for load in one body.
    private struct Tally {
        let admission: RPCAdmission?
        var served: [String: RPCMethod] = [:]
        var answered = 0
        var refused = 0
        var retryAfter = 0
        var credentialRefused = false

        /// The reply of `body`, with a retry hint when every request answered was refused with -32029.
        func reply(_ body: Data?) -> RPCReply {
            var reply = RPCReply(body: body, retryAfterSeconds: answered > 0 && refused == answered ? retryAfter : nil)
            reply.credentialRefused = credentialRefused
            return reply
        }

        mutating func count(_ response: Data?, refusal: RPCError?) {
            guard response != nil else { return }
            answered += 1
            if let refusal, refusal.code == -32029 {
                refused += 1
                retryAfter = max(retryAfter, Int(refusal.data?["retryAfterSeconds"]?.numberValue ?? 1))
            }
        }
    }

    private func answer(body: Data, caller: Caller, requestID: RequestID, tally: inout Tally) async -> Data? {
        var caller = caller
        defer { tally.credentialRefused = caller.refused }
        var logger = self.logger
        logger[metadataKey: "request.id"] = .string(requestID.rawValue)
        let started = ContinuousClock.now
        let parsed: RPCBody
        do throws(RPCError) {
            parsed = try JSONParser().parseBody(body)
        } catch {
            return refused(error, since: started)
        }
        let elements: [RPCBody.Element]
        switch parsed {
        case .single(let element): return await handle(element: element, caller: &caller, logger: logger, tally: &tally)
        case .batch(let batch): elements = batch
        }
        if elements.isEmpty {
            return refused(.invalidRequest("an empty batch"), since: started)
        }
        if elements.count > Self.maxBatch {
            return refused(.invalidRequest("a batch holds at most \(Self.maxBatch) requests"), since: started)
        }
        var responses: [Data] = []
        for element in elements {
            if let response = await handle(element: element, caller: &caller, logger: logger, tally: &tally) { responses.append(response) }
        }
        return responses.isEmpty ? nil : RPCResponse.batch(responses)
    }

    /// The answer to a body that is not JSON-RPC at all (-32700, or -32600 for a batch that is empty or too
    /// long), told to the observer as a call of no method.
    private func refused(_ error: RPCError, since started: ContinuousClock.Instant) -> Data {
        observer?.callFinished(method: "", errorCode: error.code, duration: ContinuousClock.now - started)
        return RPCResponse.failure(id: .null, error: error)
    }

    /// The response to a body refused before it was read (too large): an error answered to id `null`.
    ///
    /// - Parameter error: the reason, such as ``RPCError/bodyTooLarge(limit:)``.
    /// - Returns: `{"jsonrpc":"2.0","id":null,"error":{…}}`.
    public static func refusal(_ error: RPCError) -> Data {
        RPCResponse.failure(id: .null, error: error)
    }

    private func handle(element: RPCBody.Element, caller: inout Caller, logger: Logger, tally: inout Tally) async -> Data? {
        switch RPCRequest.parse(element.value, idLiteral: element.idLiteral) {
        case .failure(let invalid):
            observer?.callFinished(method: "", errorCode: invalid.error.code, duration: .zero)
            let response = invalid.silent ? nil : RPCResponse.failure(id: invalid.id, error: invalid.error)
            tally.count(response, refusal: nil)
            return response
        case .success(let request):
            // Admission first: every request counts, whatever its method, before it costs anything more.
            if let admission = tally.admission,
                let refusal = admission(RPCCall(method: request.method, params: request.params, actor: await caller.actorIfAny()))
            {
                let response = request.id.map { RPCResponse.failure(id: $0, error: refusal) }
                tally.count(response, refusal: refusal)
                return response
            }
            let outcome = await call(request, served: tally.served[request.method], caller: &caller, logger: logger)
            guard let id = request.id else { return nil }
            let response: Data
            switch outcome {
            case .success(let result): response = RPCResponse.success(id: id, result: result)
            case .failure(let error): response = RPCResponse.failure(id: id, error: error)
            }
            tally.count(response, refusal: nil)
            return response
        }
    }

    /// Calls the method the transport serves under the request's name, else the registry's; in a span
    /// of its own when tracing is on (its method, tenant and outcome; never params).
    private func call(_ request: RPCRequest, served: RPCMethod?, caller: inout Caller, logger: Logger) async -> Result<Data, RPCError> {
        let method = served ?? registry.entry(request.method)
        guard let tracer else { return await call(request, method: method, caller: &caller, logger: logger, span: nil) }
        let name = method == nil ? "(unknown)" : request.method
        return await tracer.withSpan("jsonrpc " + name, ofKind: .internal) { span in
            span.attributes["rpc.system"] = "jsonrpc"
            span.attributes["rpc.method"] = name
            return await call(request, method: method, caller: &caller, logger: logger, span: span)
        }
    }

    private func call(
        _ request: RPCRequest, method: RPCMethod?, caller: inout Caller, logger: Logger, span: (any Span)?
    ) async -> Result<Data, RPCError> {
        let started = ContinuousClock.now
        var logger = logger
        // Only a served method's name goes into the log: a caller cannot write its own text there.
        logger[metadataKey: "rpc.method"] = .string(method == nil ? "(unknown)" : request.method)
        var tenantForLog: String?
        let result: Result<Data, RPCError>
        do {
            guard let entry = method else { throw RPCError.methodNotFound }
            let (actor, tenant) = try await caller.resolve(required: entry.access != .open)
            tenantForLog = tenant?.id.rawValue
            try authorise(entry, actor: actor, tenant: tenant)
            let context = RPCContext(actor: actor, tenant: tenant, logger: logger)
            result = .success(try await entry.handle(request.params ?? [:], context))
        } catch let error as RPCError {
            result = .failure(error)
        } catch let error as KlageError {
            if error.code == .internalError || error.code == .unavailable {
                logger.error("call failed", metadata: ["error": .string(error.description)])
            }
            result = .failure(RPCError(error))
        } catch {
            logger.error("call failed", metadata: ["error": .string(String(describing: type(of: error)))])
            result = .failure(.internalError)
        }
        let elapsed = ContinuousClock.now - started
        observer?.callFinished(method: request.method, errorCode: result.errorCode, duration: elapsed)
        if let span {
            span.attributes["klage.tenant"] = tenantForLog
            if let code = result.errorCode {
                span.attributes["rpc.jsonrpc.error_code"] = code
                if code == RPCError.internalError.code { span.setStatus(SpanStatus(code: .error)) }
            }
        }
        // One line per call, beside the request id and method the logger carries: the tenant, the outcome
        // (`ok` or the error code) and the duration. Never params, results or the caller's key.
        let milliseconds = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds / 1_000_000_000_000) / 1_000
        logger.info(
            "rpc call",
            metadata: [
                "tenant": .string(tenantForLog ?? "-"),
                "outcome": .string(result.errorCode.map(String.init) ?? "ok"),
                "ms": .stringConvertible(milliseconds),
            ])
        return result
    }

    private func authorise(_ entry: RPCMethod, actor: Principal?, tenant: Tenant?) throws {
        switch entry.access {
        case .open:
            return
        case .hostOperator:
            guard actor?.role == .operator else { throw KlageError.forbidden("only a host operator key may call \(entry.name)") }
        case .tenant(let roles):
            guard let actor, let tenant, actor.holds(anyOf: roles) else {
                throw KlageError.forbidden("this key's role may not call \(entry.name)")
            }
            if let plugin = entry.plugin, !tenant.plugins.contains(plugin.rawValue) {
                throw RPCError.methodNotFound
            }
        case .hostOperatorOrTenant(let roles):
            guard let actor else { throw KlageError.forbidden("this key's role may not call \(entry.name)") }
            guard actor.role == .operator || (tenant != nil && actor.holds(anyOf: roles)) else {
                throw KlageError.forbidden("this key's role may not call \(entry.name)")
            }
        }
    }

}

extension Result where Failure == RPCError {
    var errorCode: Int? {
        if case .failure(let error) = self { return error.code }
        return nil
    }
}
