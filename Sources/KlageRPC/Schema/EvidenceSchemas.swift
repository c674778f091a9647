import KlageKernel

/// The OpenRPC schemas of the evidence reports, written once for `report.figures`, `report.series`
/// and `report.compare`.
extension RPCSchema {
    /// An object whose every property is present.
    static func complete(_ properties: [String: RPCSchema]) -> RPCSchema {
        .object(properties, required: Array(properties.keys))
    }

    private static let share = RPCSchema.nullable(.number)
    /// ``KlageKernel/EvidenceFigures/Share``: a count, its share of the complaints received, and the open share beside it.
    private static let cohortShare = complete(["count": .integer(), "share": share, "openShare": share])

    /// ``KlageKernel/EvidenceFigures``.
    static let evidenceFigures = complete([
        "group": .nullable(.string), "received": .integer(), "closed": .integer(), "withdrawn": .integer(), "escalated": .integer(),
        "escalationsByClock": .anyObject,
        "stoppedByDialogue": cohortShare, "continuedFormally": cohortShare,
        "appeals": complete(["received": .integer(), "forwarded": .integer(), "forwardedOfReceived": cohortShare]),
        "firstContact": complete([
            "medianHours": share, "p90Hours": share, "conversations": .integer(), "within24Hours": cohortShare,
            "withinDeadline": cohortShare, "writtenRoute": cohortShare, "failedCallAttemptsPerComplaint": share,
        ]),
        "daysToClose": complete(["median": share, "p90": share, "openShare": share]),
        "backlog": complete(["open": .integer(), "medianAgeDays": share, "p90AgeDays": share]),
        "staffTime": complete([
            "totalMinutes": .integer(), "complaintsWithTime": .integer(), "recordedShare": share, "minutesPerComplaint": share,
        ]),
        "handoffsPerComplaint": share,
        "writtenAnswer": complete(["asked": .integer(), "wanted": .integer(), "wantedShare": share]),
        "satisfaction": complete([
            "issued": .integer(), "answered": .integer(), "responseRate": share, "mean": share, "distribution": .array(.integer()),
        ]),
        "staffSatisfaction": complete([
            "answers": .integer(), "suppressed": .boolean, "mean": share, "distribution": .nullable(.array(.integer())),
        ]),
        "learning": complete([
            "raised": .integer(), "routed": .integer(), "turnedIntoActions": .integer(), "actionsDone": .integer(), "medianDaysToDone": share,
        ]),
    ])
}
