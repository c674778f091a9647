import ServiceLifecycle

/// The services a server runs beside HTTP, as its configuration turns them on.
enum BackgroundServices {
    /// The deadline scheduler and report refresher (`schedulerIntervalSeconds`), the delivery
    /// dispatcher (`deliveryIntervalSeconds`), and the span exporter when tracing is on.
    static func all(for host: KlageHost) -> [any Service] {
        var services: [any Service] = host.tracing.map { [$0.service] } ?? []
        if host.configuration.schedulerIntervalSeconds > 0 { services += [DeadlineScheduler(host: host), ReportRefresher(host: host)] }
        if host.configuration.deliveryIntervalSeconds > 0 { services.append(DeliveryDispatcher(host: host)) }
        return services
    }
}
