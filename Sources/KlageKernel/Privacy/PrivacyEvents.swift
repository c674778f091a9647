extension EventType {
    /// A complaint's personal data was anonymised (`data.by`: `retention` or `erasure`).
    public static let personalDataAnonymised: EventType = "privacy.anonymised"
    /// A complaint's processing was restricted (`data.reason`: `open` or `recordKeeping`).
    public static let processingRestricted: EventType = "privacy.restricted"
}
