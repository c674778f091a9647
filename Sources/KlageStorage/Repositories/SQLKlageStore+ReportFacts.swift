public import Foundation
public import KlageKernel
public import KlageReports

/// The facts the reports read beside the report cells: open complaints, forwarded appeals, learning, pulses.
extension SQLKlageStore {
    public func openComplaints(tenant: TenantID, receivedFrom from: Date, to: Date, department: String?) async throws -> [OpenComplaint] {
        try await read(tenant) { connection in
            var sql: SQL = """
                SELECT department, workflow, channel, track, received_at FROM complaints
                WHERE tenant_id = \(tenant) AND closed_at IS NULL AND received_at >= \(from) AND received_at < \(to)
                """
            if let department { sql = sql + " AND department = \(department)" }
            return try connection.query(sql).map { row in
                OpenComplaint(
                    department: row.optionalString("department") ?? "", workflow: try row.string("workflow"), channel: try row.string("channel"),
                    track: try row.string("track"), receivedAt: try row.date("received_at"))
            }
        }
    }

    public func forwardedAppeals(tenant: TenantID, forwardedFrom from: Date, to: Date, department: String?) async throws -> [OpenComplaint] {
        try await read(tenant) { connection in
            var sql: SQL = """
                SELECT department, workflow, channel, track, closed_at FROM complaints
                WHERE tenant_id = \(tenant) AND track = \(ComplaintTrack.appeal.rawValue) AND outcome = \(Outcome.forwarded.rawValue)
                    AND closed_at >= \(from) AND closed_at < \(to)
                """
            if let department { sql = sql + " AND department = \(department)" }
            return try connection.query(sql).map { row in
                OpenComplaint(
                    department: row.optionalString("department") ?? "", workflow: try row.string("workflow"), channel: try row.string("channel"),
                    track: try row.string("track"), receivedAt: try row.date("closed_at"))
            }
        }
    }

    public func learningFacts(tenant: TenantID, createdFrom from: Date, to: Date, department: String?) async throws -> [LearningFact] {
        try await read(tenant) { connection in
            var sql: SQL = """
                SELECT department, state, created_at, updated_at FROM learning_items
                WHERE tenant_id = \(tenant) AND created_at >= \(from) AND created_at < \(to)
                """
            if let department { sql = sql + " AND department = \(department)" }
            return try connection.query(sql).map { row in
                LearningFact(
                    department: row.optionalString("department") ?? "", state: try row.value("state"), createdAt: try row.date("created_at"),
                    updatedAt: try row.date("updated_at"))
            }
        }
    }

    public func pulses(tenant: TenantID, from: Date, to: Date, department: String?) async throws -> [StaffPulse] {
        try await read(tenant) { connection in
            var sql = SQL.select(StaffPulse.self) + " WHERE tenant_id = \(tenant) AND day >= \(from) AND day < \(to)"
            if let department { sql = sql + " AND department = \(department)" }
            return try connection.fetchAll(StaffPulse.self, sql)
        }
    }
}
