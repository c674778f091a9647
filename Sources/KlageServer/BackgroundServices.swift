import ServiceLifecycle

/// The services a server runs beside HTTP, as its configuration turns them on.
enum BackgroundServices {
    /// The deadline scheduler and report refresher (`schedulerIntervalSeconds`), and the delivery
    /// dispatcher (`deliveryIntervalSeconds`); none when both are 0.
    static func all(for host: KlageHost) -> [any Service] {
        var services: [any Service] = []
        if host.configuration.schedulerIntervalSeconds > 0 { services += [DeadlineScheduler(host: host), ReportRefresher(host: host)] }
        if host.configuration.deliveryIntervalSeconds > 0 { services.append(DeliveryDispatcher(host: host)) }
        return services
    }
}
