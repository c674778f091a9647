public import Foundation

/// Stores what the personal-data lifecycle needs: finding a citizen's complaints, anonymising and
/// restricting them, gathering everything about one complaint, and pruning the access log.
public protocol PrivacyStore: Sendable {
    /// The complaints of `tenant` whose citizen matches `citizen` (by CPR number, phone or e-mail), oldest first,
    /// restricted ones included.
    func complaints(of citizen: CitizenMatch, tenant: TenantID) async throws -> [Complaint]
    /// Everything stored about one complaint: contacts, events, effort, survey, plug-in records and the reads of it.
    func dossier(of complaint: Complaint) async throws -> ComplaintDossier
    /// The ids of complaints of `tenant` closed before `cutoff` and not anonymised yet; at most `limit`.
    func complaintsToAnonymise(tenant: TenantID, closedBefore cutoff: Date, limit: Int) async throws -> [ComplaintID]
    /// Anonymises a complaint and everything under it in one transaction, appending `event`: the citizen,
    /// texts and free-text fields of the complaint (``Complaint/anonymised(at:)``), its contacts' summaries,
    /// agreements and fields, its events' data, its effort notes, its survey comment and the plug-in records
    /// that refer to it (``PersonalDataScrubber``). Marks its report day so figures are recomputed (unchanged).
    /// - Returns: `false` when it is gone or was anonymised already.
    func anonymiseComplaint(_ id: ComplaintID, tenant: TenantID, at: Date, event: DomainEvent) async throws -> Bool
    /// Restricts a complaint's processing, appending `event`: its clocks leave the scheduler and attention lists.
    /// - Returns: `false` when it is gone or restricted already.
    func restrictComplaint(_ id: ComplaintID, tenant: TenantID, at: Date, event: DomainEvent) async throws -> Bool
    /// Deletes the access records of `tenant` older than `cutoff`. - Returns: how many reads they held.
    func deleteAccessRecords(tenant: TenantID, before cutoff: Date) async throws -> Int
}
