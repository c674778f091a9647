public import KlageKernel

/// `report.summary`: the figures a municipality measures itself by (DOMAIN.md).
public enum ReportSummary: TenantMethod {
    public struct Params: Decodable, Sendable {
        let from: RPCTime
        let to: RPCTime
        let department: String?
    }
    public struct Result: Encodable, Sendable {
        struct Satisfaction: Encodable, Sendable {
            let responses: Int
            let average: Double?

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(responses, forKey: .responses)
                try container.encode(average, forKey: .average)
            }

            enum CodingKeys: String, CodingKey { case responses, average }
        }
        let received: Int
        let closed: Int
        let withdrawn: Int
        let withdrawnRate: Double?
        let medianHoursToFirstContact: Double?
        let firstContactWithinDeadlineRate: Double?
        let medianDaysToClose: Double?
        let escalated: Int
        let satisfaction: Satisfaction

        init(_ summary: ComplaintSummary) {
            received = summary.received
            closed = summary.closed
            withdrawn = summary.withdrawn
            withdrawnRate = summary.withdrawnRate
            medianHoursToFirstContact = summary.medianHoursToFirstContact
            firstContactWithinDeadlineRate = summary.firstContactWithinDeadlineRate
            medianDaysToClose = summary.medianDaysToClose
            escalated = summary.escalated
            satisfaction = Satisfaction(responses: summary.satisfactionResponses, average: summary.satisfactionAverage)
        }

        /// Encodes absent figures as null, so every field of the contract is always there.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(received, forKey: .received)
            try container.encode(closed, forKey: .closed)
            try container.encode(withdrawn, forKey: .withdrawn)
            try container.encode(withdrawnRate, forKey: .withdrawnRate)
            try container.encode(medianHoursToFirstContact, forKey: .medianHoursToFirstContact)
            try container.encode(firstContactWithinDeadlineRate, forKey: .firstContactWithinDeadlineRate)
            try container.encode(medianDaysToClose, forKey: .medianDaysToClose)
            try container.encode(escalated, forKey: .escalated)
            try container.encode(satisfaction, forKey: .satisfaction)
        }

        enum CodingKeys: String, CodingKey {
            case received, closed, withdrawn, withdrawnRate, medianHoursToFirstContact, firstContactWithinDeadlineRate
            case medianDaysToClose, escalated, satisfaction
        }
    }
    public static let name = "report.summary"
    public static let summary =
        "Complaints received in [from, to): closed, withdrawn and its rate, time to first contact, time to close, escalations, satisfaction."
    public static let roles: Set<Role> = [.leader]
    public static let params = [
        RPCParam("from", .dateTime, required: true), RPCParam("to", .dateTime, required: true), RPCParam("department", .string),
    ]
    public static let result = RPCSchema.object(
        [
            "received": .integer(), "closed": .integer(), "withdrawn": .integer(), "withdrawnRate": .nullable(.number),
            "medianHoursToFirstContact": .nullable(.number), "firstContactWithinDeadlineRate": .nullable(.number),
            "medianDaysToClose": .nullable(.number), "escalated": .integer(),
            "satisfaction": .object(["responses": .integer(), "average": .nullable(.number)], required: ["responses", "average"]),
        ],
        required: [
            "received", "closed", "withdrawn", "withdrawnRate", "medianHoursToFirstContact", "firstContactWithinDeadlineRate",
            "medianDaysToClose", "escalated", "satisfaction",
        ])
}

extension RPCServices {
    func registerReportMethods(into builder: inout RPCMethodRegistry.Builder) {
        registerEvidenceReportMethods(into: &builder)
        registerAnnualReportMethods(into: &builder)
        builder.register(ReportSummary.self) { params, context in
            return .init(
                try await ReportService(env).summary(from: params.from.date, to: params.to.date, department: params.department, in: context.tenant))
        }
    }
}
