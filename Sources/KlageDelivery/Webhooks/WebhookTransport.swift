public import KlageKernel

/// How webhooks reach their endpoints, outside the kernel: the check of a target address and the signed POST.
public protocol WebhookTransport: Sendable {
    /// Checks that `url` may be a target for `tenant`: http(s), no credentials, and, unless the host
    /// operator allows it for the tenant, https to a host whose every address is public.
    /// - Throws: a validation error on field `url` that says why not.
    func checkTarget(_ url: String, tenant: TenantID) async throws
    /// POSTs `event` to `webhook`, signed with its secret. - Returns: how it went.
    func send(_ event: FeedEvent, to webhook: Webhook) async -> WebhookAttemptOutcome
}

/// How one delivery attempt went.
public enum WebhookAttemptOutcome: Sendable, Hashable {
    /// The endpoint answered 2xx with this status.
    case delivered(status: Int)
    /// It did not: a status other than 2xx (`"HTTP 500"`), a timeout, a refused connection or target.
    case failed(String)

    /// Whether the endpoint took the event.
    public var succeeded: Bool {
        if case .delivered = self { return true }
        return false
    }
}
