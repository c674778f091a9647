/// Everything Klage stores about one complaint, for a data subject's export (GDPR art. 15).
public struct ComplaintDossier: Sendable {
    public let complaint: Complaint
    public let contacts: [Contact]
    /// The journey, oldest first.
    public let events: [DomainEvent]
    public let efforts: [EffortEntry]
    public let survey: Survey?
    /// The plug-ins' records that refer to the complaint, with the plug-in that stored each.
    public let pluginRecords: [(plugin: PluginID, record: PluginRecord)]
    /// Who read the complaint's personal data, oldest first.
    public let reads: [AccessRecord]

    public init(
        complaint: Complaint, contacts: [Contact], events: [DomainEvent], efforts: [EffortEntry], survey: Survey?,
        pluginRecords: [(plugin: PluginID, record: PluginRecord)], reads: [AccessRecord]
    ) {
        self.complaint = complaint
        self.contacts = contacts
        self.events = events
        self.efforts = efforts
        self.survey = survey
        self.pluginRecords = pluginRecords
        self.reads = reads
    }
}
