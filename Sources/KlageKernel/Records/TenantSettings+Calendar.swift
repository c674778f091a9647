extension TenantSettings {
    /// The tenant's working hours for each weekday (weekdays 08:00-16:00 unless it sets others).
    public static let workingHours = WorkingHoursSetting()
    /// The tenant's own closing days, beside the public holidays (none unless it sets them).
    public static let closingDays = ClosingDaysSetting()

    /// The working calendar of a tenant that sets `workingHours` or `closingDays`: every working-time clock
    /// of the tenant runs on it. `nil` for a tenant that sets neither, whose clocks run on
    /// ``DanishCalendar/standard``. A stored value that is not valid counts as unset.
    ///
    /// One calendar is kept per distinct pair of settings, so each keeps what it has worked out about days.
    public static func workingCalendar(in settings: [String: JSONValue]) -> DanishCalendar? {
        let hours = settings[workingHours.key]
        let days = settings[closingDays.key]
        guard hours != nil || days != nil else { return nil }
        return TenantCalendars.calendar(hours: hours, closingDays: days) {
            DanishCalendar(week: workingHours.value(in: settings), closingDays: closingDays.value(in: settings))
        }
    }
}
