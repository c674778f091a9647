/// Told of every JSON-RPC call the ``RPCDispatcher`` served, once it is answered: for metrics.
///
/// Called on the request's task, after the handler, for each request of a body (each batch element,
/// notifications too) that reached a method lookup; and, with the method `""`, for each body or batch
/// element that is not a JSON-RPC request (-32700, -32600). Requests refused by the admission are not
/// reported here. Keep it cheap: it runs on every call.
///
/// ```swift
/// struct Counting: RPCObserver {
///     func callFinished(method: String, errorCode: Int?, duration: Duration) { … }
/// }
/// let dispatcher = RPCDispatcher(registry: registry, keys: keys, logger: logger, observer: Counting())
/// ```
public protocol RPCObserver: Sendable {
    /// One call answered.
    ///
    /// - Parameters:
    ///   - method: the method name **as the caller sent it**; it may name no served method (-32601),
    ///     so an observer that keeps it must check it against ``RPCMethodRegistry/names`` first.
    ///   - errorCode: the JSON-RPC error code answered, or `nil` on success.
    ///   - duration: the time the call took: authentication, authorisation, params and handler.
    func callFinished(method: String, errorCode: Int?, duration: Duration)
}
