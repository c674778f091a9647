import Foundation
import KlageKernel

/// What `privacy.export` returns: one citizen's complaints, each with everything stored under it.
public struct DataSubjectExportView: Encodable, Sendable {
    /// A survey without its token hash.
    struct SurveyView: Encodable, Sendable {
        let issuedAt: Date
        let expiresAt: Date
        let submittedAt: Date?
        let score: Int?
        let comment: String?
    }

    /// A plug-in's record and the plug-in that stored it.
    struct PluginRecordView: Encodable, Sendable {
        let plugin: String
        let kind: String
        let id: String
        let body: [String: JSONValue]
        let state: String?
        let dueAt: Date?
        let createdAt: Date
        let updatedAt: Date
    }

    /// One complaint and what hangs on it.
    struct ComplaintExport: Encodable, Sendable {
        let complaint: ComplaintView
        let contacts: [Contact]
        let events: [DomainEvent]
        let efforts: [EffortEntry]
        let survey: SurveyView?
        let pluginRecords: [PluginRecordView]
        /// Who read the complaint's personal data, oldest first (this export included).
        let reads: [AccessRecord]
    }

    let tenant: TenantID
    let matchedBy: String
    let exportedAt: Date
    let complaints: [ComplaintExport]

    init(tenant: TenantID, matchedBy: String, dossiers: [ComplaintDossier], now: Date, for viewer: Principal) {
        self.tenant = tenant
        self.matchedBy = matchedBy
        self.exportedAt = now
        complaints = dossiers.map { dossier in
            ComplaintExport(
                complaint: ComplaintView(dossier.complaint, now: now, for: viewer), contacts: dossier.contacts, events: dossier.events,
                efforts: dossier.efforts,
                survey: dossier.survey.map {
                    SurveyView(issuedAt: $0.issuedAt, expiresAt: $0.expiresAt, submittedAt: $0.submittedAt, score: $0.score, comment: $0.comment)
                },
                pluginRecords: dossier.pluginRecords.map { plugin, record in
                    PluginRecordView(
                        plugin: plugin.rawValue, kind: record.kind, id: record.id, body: record.body, state: record.state, dueAt: record.dueAt,
                        createdAt: record.createdAt, updatedAt: record.updatedAt)
                },
                reads: dossier.reads)
        }
    }
}

extension DataSubjectExportView: WireSample {
    public static let sample = DataSubjectExportView(
        tenant: "", matchedBy: "",
        dossiers: [
            ComplaintDossier(complaint: .sample, contacts: [], events: [], efforts: [], survey: nil, pluginRecords: [], reads: [])
        ], now: .distantPast, for: .system(tenant: ""))
}

extension DataSubjectExportView.SurveyView: WireSample {
    static let sample = Self(issuedAt: .distantPast, expiresAt: .distantPast, submittedAt: nil, score: nil, comment: nil)
}

extension DataSubjectExportView.PluginRecordView: WireSample {
    static let sample = Self(
        plugin: "", kind: "", id: "", body: [:], state: nil, dueAt: nil, createdAt: .distantPast, updatedAt: .distantPast)
}
