import ServiceLifecycle

/// The services a server runs beside HTTP, as its configuration turns them on.
enum BackgroundServices {
    /// The deadline scheduler and report refresher (`schedulerIntervalSeconds`), and the outbox
    /// dispatcher (`outboxIntervalSeconds`); none when both are 0.
    static func all(for host: KlageHost) -> [any Service] {
        var services: [any Service] = []
        if host.configuration.schedulerIntervalSeconds > 0 { services += [DeadlineScheduler(host: host), ReportRefresher(host: host)] }
        if host.configuration.outboxIntervalSeconds > 0 { services.append(OutboxDispatcher(host: host)) }
        if host.configuration.integrations.webhookIntervalSeconds > 0 { services.append(WebhookDispatcher(host: host)) }
        return services
    }
}
