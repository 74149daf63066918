-- Volunteer placements (issue 13): who serves under which scheme (JOCV,
-- Friends From Thailand, Glocal), which way, where and when, paired with
-- whom; the documents of each placement with their expiry and an optional
-- scan; and a placement as the cause of an outcome (an appointment, a
-- recognition). The SQLite and PostgreSQL files say the same; the schema
-- test holds them to the same columns.

CREATE TABLE placements (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
    scheme TEXT NOT NULL,
    direction TEXT NOT NULL,
    host_organisation_id INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    host_locality_id INTEGER REFERENCES localities(id) ON DELETE RESTRICT,
    programme_id INTEGER REFERENCES programmes(id) ON DELETE RESTRICT,
    planned_starts_on TEXT NOT NULL,
    planned_ends_on TEXT NOT NULL,
    actual_starts_on TEXT,
    actual_ends_on TEXT,
    area_en TEXT,
    area_ja TEXT,
    area_th TEXT,
    area_ms TEXT,
    goals_en TEXT,
    goals_ja TEXT,
    goals_th TEXT,
    goals_ms TEXT,
    paired_placement_id INTEGER REFERENCES placements(id) ON DELETE SET NULL,
    CHECK (area_en IS NOT NULL OR area_ja IS NOT NULL OR area_th IS NOT NULL OR area_ms IS NOT NULL)
);
CREATE INDEX placements_person ON placements(person_id);
CREATE INDEX placements_starts ON placements(planned_starts_on);
CREATE INDEX placements_host_locality ON placements(host_locality_id);
CREATE INDEX placements_programme ON placements(programme_id);
CREATE INDEX placements_paired ON placements(paired_placement_id);

-- A placement's passport, visa, residence card, insurance, safety briefing.
CREATE TABLE placement_documents (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    placement_id INTEGER NOT NULL REFERENCES placements(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    reference TEXT,
    issued_on TEXT,
    expires_on TEXT,
    note TEXT
);
CREATE INDEX placement_documents_placement ON placement_documents(placement_id);
CREATE INDEX placement_documents_expires ON placement_documents(expires_on);

-- The scan of a document (one each; base64, as evidence files are kept).
CREATE TABLE placement_document_files (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL UNIQUE REFERENCES placement_documents(id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    size_bytes  INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    content     TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
);

-- A placement may be the cause of an outcome: outcome_links gains
-- from_placement_id and its "exactly one cause" check counts it. SQLite
-- cannot change a check, so the table is rebuilt with its rows and indexes
-- (nothing refers to outcome_links).
CREATE TABLE outcome_links_new (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    from_programme_id INTEGER REFERENCES programmes(id) ON DELETE CASCADE,
    from_activity_id INTEGER REFERENCES activities(id) ON DELETE CASCADE,
    from_outcome_id INTEGER REFERENCES outcomes(id) ON DELETE CASCADE,
    from_placement_id INTEGER REFERENCES placements(id) ON DELETE CASCADE,
    to_outcome_id INTEGER NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    note_en TEXT,
    note_ja TEXT,
    note_th TEXT,
    note_ms TEXT,
    CHECK ((from_programme_id IS NOT NULL) + (from_activity_id IS NOT NULL) + (from_outcome_id IS NOT NULL)
           + (from_placement_id IS NOT NULL) = 1)
);
INSERT INTO outcome_links_new (id, version, office_id, from_programme_id, from_activity_id, from_outcome_id,
                               to_outcome_id, note_en, note_ja, note_th, note_ms)
    SELECT id, version, office_id, from_programme_id, from_activity_id, from_outcome_id,
           to_outcome_id, note_en, note_ja, note_th, note_ms
    FROM outcome_links;
DROP TABLE outcome_links;
ALTER TABLE outcome_links_new RENAME TO outcome_links;
CREATE INDEX outcome_links_to ON outcome_links(to_outcome_id);
CREATE INDEX outcome_links_from_outcome ON outcome_links(from_outcome_id);
CREATE INDEX outcome_links_from_activity ON outcome_links(from_activity_id);
CREATE INDEX outcome_links_from_programme ON outcome_links(from_programme_id);
CREATE INDEX outcome_links_from_placement ON outcome_links(from_placement_id);

INSERT INTO system_versions (system, version) VALUES ('volunteers', 0);
