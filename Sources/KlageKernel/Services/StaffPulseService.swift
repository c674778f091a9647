public import Foundation

/// The anonymous staff pulse: how satisfied staff are with how complaints are handled, per department.
///
/// An answer keeps no trace of who gave it: no key id, a random id (not a time-ordered one), the day
/// only (Copenhagen time), no journey event, and nothing logged.
public struct StaffPulseService: Sendable {
    private let env: ServiceEnvironment

    public init(_ env: ServiceEnvironment) {
        self.env = env
    }

    /// Stores one anonymous answer.
    ///
    /// - Parameters:
    ///   - department: The answering member's department (1 to 100 characters).
    ///   - score: 1 (poor) to 5 (very good).
    /// - Returns: The stored answer.
    /// - Throws: validation naming `department` or `score`.
    @discardableResult
    public func submit(department: String, score: Int, in tenant: Tenant) async throws -> StaffPulse {
        let department = try Validate.text(department, field: "department", max: 100)
        guard (1...5).contains(score) else { throw KlageError.validation(field: "score", reason: "must be a whole number from 1 to 5") }
        // A UUIDv7 would carry the time to the millisecond; a random id carries nothing.
        let pulse = StaffPulse(
            id: PulseID(UUID().uuidString.lowercased()), tenant: tenant.id, department: department, score: score,
            day: CopenhagenDay.start(of: env.clock.now()))
        try await env.store.insertPulse(pulse)
        return pulse
    }
}
