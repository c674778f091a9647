extension Schema {
    /// Records the layout each kind of derived data is stored in (`klage_layouts`, ``DerivedLayout``),
    /// starting with the report cells' as this migration found them. From here on, a build whose layout
    /// differs drops the stored cells at start-up, and they are computed again from the complaints, as
    /// migration 15 did by hand once.
    static let derivedLayouts = Migration(
        id: 16, name: "derived data layouts",
        statements: [
            "CREATE TABLE klage_layouts (name TEXT PRIMARY KEY, layout TEXT NOT NULL)",
            """
            INSERT INTO klage_layouts (name, layout) VALUES ('\(DerivedLayout.reportCells.name)', '\
            received,closed,stoppedByDialogue,continuedFormally,appeals,appealsForwarded,firstContactDecided,firstContactInTime,\
            failedCallAttempts,staffMinutes,withStaffTime,handoffs,writtenAnswerAsked,wantsWrittenAnswer,escalated,surveysIssued,\
            surveysAnswered,scoreSum,withdrawn,score1,score2,score3,score4,score5,conversations,conversationsWithin24Hours,\
            conversationsWithinDeadline,firstContactInWriting\
            |hoursToFirstContact:minutes exact below 128, 64 buckets per doubling, bucket:count:sum\
            |daysToClose:minutes exact below 128, 64 buckets per doubling, bucket:count:sum|missedByClock')
            """,
        ])
}
