extension Schema {
    /// The W3C `traceparent` of the request that recorded an event (``KlageKernel/DomainEvent/traceParent``),
    /// which webhooks carry to the case system so a trace follows the event out of Klage. Events recorded
    /// before it, or outside a request, have none.
    static let eventTraceParent = Migration(
        id: 25, name: "the trace an event was recorded in", statements: ["ALTER TABLE events ADD COLUMN trace_parent TEXT"])
}
