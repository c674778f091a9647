/// A day of the week, named as a tenant's `workingHours` names it.
public enum Weekday: String, Sendable, Hashable, CaseIterable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The weekday that Foundation's Gregorian calendar numbers `number` (1 is Sunday, 7 is Saturday).
    init?(gregorian number: Int) {
        let sundayFirst: [Weekday] = [.sunday, .monday, .tuesday, .wednesday, .thursday, .friday, .saturday]
        guard (1...7).contains(number) else { return nil }
        self = sundayFirst[number - 1]
    }
}
