import KlageKernel
import KlageRPC

/// What one request costs in a client's token bucket: 1 for most calls, more for the slow ones.
///
/// `report.*` calls cost ``ServerLimits/reportCost``; a call asking for a page (`limit`) longer
/// than 100 items costs ``ServerLimits/listCostPer100Items`` more per 100 items above 100.
enum RequestCost {
    /// The page size a call may ask for at the price of a get.
    static let freeItems = 100.0

    static func of(_ call: RPCCall, limits: ServerLimits) -> Double {
        if call.method.hasPrefix("report.") { return max(1, limits.reportCost) }
        if let limit = call.params?["limit"]?.numberValue, limit.isFinite, limit > freeItems {
            return 1 + limits.listCostPer100Items * (min(limit, 100_000) - freeItems) / 100
        }
        return 1
    }
}
