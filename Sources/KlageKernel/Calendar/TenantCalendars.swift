import Synchronization

/// The working calendars of the tenants that set their own, one per distinct `workingHours` and
/// `closingDays`: a calendar made once keeps the days it has worked out, and Foundation's calendar is slow.
enum TenantCalendars {
    /// The settings a calendar is made from, as the tenant wrote them.
    struct Key: Hashable {
        let hours: JSONValue?
        let closingDays: JSONValue?
    }

    /// At most this many calendars are kept; a host holds far fewer distinct ones.
    static let limit = 1_000

    private static let known = Mutex<[Key: DanishCalendar]>([:])

    /// The calendar of these settings, made by `make` the first time they are seen.
    static func calendar(hours: JSONValue?, closingDays: JSONValue?, make: () -> DanishCalendar) -> DanishCalendar {
        let key = Key(hours: hours, closingDays: closingDays)
        if let calendar = known.withLock({ $0[key] }) { return calendar }
        let calendar = make()
        known.withLock { known in
            if known.count >= limit { known.removeAll(keepingCapacity: true) }
            known[key] = known[key] ?? calendar
        }
        return calendar
    }
}
