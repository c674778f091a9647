/// `{"deleted": true}`: what a delete returns.
struct DeletedView: WireSample {
    let deleted: Bool

    static let sample = DeletedView(deleted: true)
}

/// `{"thanks": true}`: what an answer to a survey or the staff pulse returns.
struct ThanksView: WireSample {
    let thanks: Bool

    static let sample = ThanksView(thanks: true)
}
