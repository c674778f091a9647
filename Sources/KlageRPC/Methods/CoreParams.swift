import Foundation
import KlageKernel

/// The params many core methods share, each declared once.
enum CoreParams {
    /// A complaint, by `id`.
    static let complaint = Field<ComplaintID>("id", .text(max: 64))
    /// A complaint, by `complaintId`.
    static let complaintId = Field<ComplaintID>("complaintId", .text(max: 64))
    /// The version a change was made against; a stale one is a conflict.
    static let version = Field<Int>("version", .integer(min: 1, max: .max))
    /// Why a change was made, for the journey.
    static let reason = Field<String>("reason", .text(max: 2_000))
    /// Only this department's records.
    static let department = Field<String?>("department", .text(max: 100))
    /// A page's size.
    static let limit = Field<Int?>("limit", .integer(min: 1, max: 500))
    /// Where the page starts: the previous page's `nextCursor`.
    static let cursor = Field<String?>("cursor", .text(max: 500))
    /// The start of a period.
    static let from = Field<Date>("from", .time)
    /// The end of a period.
    static let to = Field<Date>("to", .time)
}
