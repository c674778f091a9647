import HTTPTypes
import Hummingbird
import KlageKernel
import Tracing

/// The W3C header, named once (a generic type holds no stored statics): every request asks for it.
private let traceparentField = HTTPField.Name("traceparent")!

/// The trace a request belongs to. With tracing on, a server span for every request, continuing the
/// trace of a W3C `traceparent` the proxy (or the client) sent, named by the route (`POST /rpc`), with
/// the method, route and status: no query, no header values, no client address (those can be personal
/// data). On or off, the events the request records keep its `traceparent` (``RequestTrace``): the
/// span's with tracing on, else a well-formed one the proxy sent, and webhooks pass it on.
struct TraceMiddleware<Context: RequestContext>: RouterMiddleware {
    let tracer: (any Tracer)?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let tracer else {
            guard let parent = RequestTrace.valid(request.headers[traceparentField]) else { return try await next(request, context) }
            return try await RequestTrace.$parent.withValue(parent) { try await next(request, context) }
        }
        var parent = ServiceContext.current ?? .topLevel
        tracer.extract(request.headers, into: &parent, using: HeaderExtractor())
        return try await tracer.withSpan("\(request.method.rawValue) (no route)", context: parent, ofKind: .server) { span in
            span.attributes["http.request.method"] = request.method.rawValue
            var fields: [String: String] = [:]
            tracer.inject(span.context, into: &fields, using: HeaderInjector())
            do {
                let response = try await RequestTrace.$parent.withValue(RequestTrace.valid(fields["traceparent"])) {
                    try await next(request, context)
                }
                name(span, request, context)
                span.attributes["http.response.status_code"] = Int(response.status.code)
                return response
            } catch {
                name(span, request, context)
                span.attributes["http.response.status_code"] = Int((error as? any HTTPResponseError)?.status.code ?? 500)
                throw error
            }
        }
    }

    private func name(_ span: any Span, _ request: Request, _ context: Context) {
        guard let route = context.endpointPath else { return }
        span.operationName = "\(request.method.rawValue) \(route)"
        span.attributes["http.route"] = route
    }

    /// Reads `traceparent` and `tracestate` from the request's fields.
    struct HeaderExtractor: Extractor {
        func extract(key: String, from fields: HTTPFields) -> String? {
            HTTPField.Name(key).flatMap { fields[$0] }
        }
    }

    /// Writes the span's context as W3C fields.
    struct HeaderInjector: Injector {
        func inject(_ value: String, forKey key: String, into fields: inout [String: String]) {
            fields[key] = value
        }
    }
}
