extension Schema {
    /// The words of a complaint's subject, description and citizen's name, as each engine searches them.
    ///
    /// PostgreSQL: a GIN index over ``postgresSearchDocument`` with the `danish` text search configuration
    /// (stemmed: "kørestolen" finds "kørestol"). SQLite: an FTS5 table, `complaint_text`, kept by triggers
    /// on `complaints`; its rows are numbered through `complaint_search_rows`, whose own integer key no
    /// `VACUUM` renumbers (the rowid of `complaints` may change). An anonymised complaint's words are
    /// replaced with its anonymised text by the same trigger.
    static let complaintSearch = Migration(
        id: 24, name: "complaint search", statements: [],
        sqliteStatements: [
            """
            CREATE TABLE complaint_search_rows (
                n INTEGER PRIMARY KEY, tenant_id TEXT NOT NULL, complaint_id TEXT NOT NULL, UNIQUE (tenant_id, complaint_id)
            )
            """,
            "CREATE VIRTUAL TABLE complaint_text USING fts5 (subject, description, citizen_name, tokenize = 'unicode61 remove_diacritics 2')",
            "INSERT INTO complaint_search_rows (tenant_id, complaint_id) SELECT tenant_id, id FROM complaints ORDER BY tenant_id, id",
            """
            INSERT INTO complaint_text (rowid, subject, description, citizen_name)
            SELECT rows.n, complaints.subject, complaints.description, \(sqliteCitizenName("complaints"))
            FROM complaints JOIN complaint_search_rows rows ON rows.tenant_id = complaints.tenant_id AND rows.complaint_id = complaints.id
            """,
            """
            CREATE TRIGGER complaint_text_insert AFTER INSERT ON complaints BEGIN
                INSERT INTO complaint_search_rows (tenant_id, complaint_id) VALUES (new.tenant_id, new.id);
                INSERT INTO complaint_text (rowid, subject, description, citizen_name)
                VALUES (last_insert_rowid(), new.subject, new.description, \(sqliteCitizenName("new")));
            END
            """,
            """
            CREATE TRIGGER complaint_text_update AFTER UPDATE OF subject, description, citizen ON complaints
            WHEN old.subject IS NOT new.subject OR old.description IS NOT new.description OR old.citizen IS NOT new.citizen
            BEGIN
                UPDATE complaint_text SET subject = new.subject, description = new.description, citizen_name = \(sqliteCitizenName("new"))
                WHERE rowid = (SELECT n FROM complaint_search_rows WHERE tenant_id = new.tenant_id AND complaint_id = new.id);
            END
            """,
            """
            CREATE TRIGGER complaint_text_delete AFTER DELETE ON complaints BEGIN
                DELETE FROM complaint_text
                WHERE rowid = (SELECT n FROM complaint_search_rows WHERE tenant_id = old.tenant_id AND complaint_id = old.id);
                DELETE FROM complaint_search_rows WHERE tenant_id = old.tenant_id AND complaint_id = old.id;
            END
            """,
        ],
        postgresStatements: ["CREATE INDEX complaints_search ON complaints USING GIN (\(postgresSearchDocument))"])

    /// The searched words of a complaint on PostgreSQL; the search repeats it exactly, so the index serves.
    /// Never change it: a new document needs a new migration and index.
    static let postgresSearchDocument =
        "to_tsvector('danish'::regconfig, subject || ' ' || description || ' ' || coalesce(citizen::jsonb ->> 'name', ''))"

    /// The citizen's name in the stored citizen (JSON) of `row`, on SQLite.
    private static func sqliteCitizenName(_ row: String) -> String {
        "CASE WHEN json_valid(\(row).citizen) THEN json_extract(\(row).citizen, '$.name') END"
    }
}
