-- Exchanges (issue 13): delegations received with their members and
-- programme of visits, staff dispatched abroad, symposiums hosted with
-- their sessions, speakers and participating regions, courtesy calls, and
-- photos of any activity (bytes kept as base64 after their location
-- metadata was removed). The SQLite and PostgreSQL files say the same;
-- the schema test holds them to the same columns.

CREATE TABLE delegations (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    country TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    organisation_name_en TEXT,
    organisation_name_ja TEXT,
    organisation_name_th TEXT,
    organisation_name_ms TEXT,
    arrives_on TEXT NOT NULL,
    leaves_on TEXT NOT NULL,
    purpose_en TEXT,
    purpose_ja TEXT,
    purpose_th TEXT,
    purpose_ms TEXT,
    programme_id INTEGER REFERENCES programmes(id) ON DELETE RESTRICT,
    public INTEGER NOT NULL DEFAULT 0,
    CHECK (purpose_en IS NOT NULL OR purpose_ja IS NOT NULL OR purpose_th IS NOT NULL OR purpose_ms IS NOT NULL)
);

CREATE TABLE delegation_members (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    delegation_id INTEGER NOT NULL REFERENCES delegations(id) ON DELETE CASCADE,
    person_id INTEGER REFERENCES people(id) ON DELETE RESTRICT,
    name TEXT,
    title_en TEXT,
    title_ja TEXT,
    title_th TEXT,
    title_ms TEXT,
    CHECK ((person_id IS NULL) <> (name IS NULL))
);
CREATE INDEX delegation_members_delegation ON delegation_members(delegation_id);
CREATE INDEX delegation_members_person ON delegation_members(person_id);

CREATE TABLE delegation_visits (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    delegation_id INTEGER NOT NULL REFERENCES delegations(id) ON DELETE CASCADE,
    visit_on TEXT NOT NULL,
    starts_at TEXT,
    ends_at TEXT,
    place TEXT,
    organisation_id INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    locality_id INTEGER REFERENCES localities(id) ON DELETE RESTRICT,
    what_en TEXT,
    what_ja TEXT,
    what_th TEXT,
    what_ms TEXT,
    CHECK (what_en IS NOT NULL OR what_ja IS NOT NULL OR what_th IS NOT NULL OR what_ms IS NOT NULL)
);
CREATE INDEX delegation_visits_delegation ON delegation_visits(delegation_id, visit_on);

CREATE TABLE dispatches (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    kind TEXT NOT NULL,
    title_en TEXT,
    title_ja TEXT,
    title_th TEXT,
    title_ms TEXT,
    country TEXT NOT NULL,
    city TEXT,
    organiser TEXT,
    departs_on TEXT NOT NULL,
    returns_on TEXT NOT NULL,
    report_en TEXT,
    report_ja TEXT,
    report_th TEXT,
    report_ms TEXT,
    programme_id INTEGER REFERENCES programmes(id) ON DELETE RESTRICT,
    public INTEGER NOT NULL DEFAULT 0,
    CHECK (title_en IS NOT NULL OR title_ja IS NOT NULL OR title_th IS NOT NULL OR title_ms IS NOT NULL)
);

-- The people dispatched.
CREATE TABLE dispatch_people (
    dispatch_id INTEGER NOT NULL REFERENCES dispatches(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
    PRIMARY KEY (dispatch_id, person_id)
);
CREATE INDEX dispatch_people_person_id ON dispatch_people(person_id);

CREATE TABLE symposiums (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    title_en TEXT,
    title_ja TEXT,
    title_th TEXT,
    title_ms TEXT,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    venue TEXT,
    locality_id INTEGER REFERENCES localities(id) ON DELETE RESTRICT,
    summary_en TEXT,
    summary_ja TEXT,
    summary_th TEXT,
    summary_ms TEXT,
    programme_id INTEGER REFERENCES programmes(id) ON DELETE RESTRICT,
    public INTEGER NOT NULL DEFAULT 0,
    CHECK (title_en IS NOT NULL OR title_ja IS NOT NULL OR title_th IS NOT NULL OR title_ms IS NOT NULL)
);

CREATE TABLE symposium_sessions (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    symposium_id INTEGER NOT NULL REFERENCES symposiums(id) ON DELETE CASCADE,
    title_en TEXT,
    title_ja TEXT,
    title_th TEXT,
    title_ms TEXT,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    CHECK (title_en IS NOT NULL OR title_ja IS NOT NULL OR title_th IS NOT NULL OR title_ms IS NOT NULL)
);
CREATE INDEX symposium_sessions_symposium ON symposium_sessions(symposium_id, starts_at);

CREATE TABLE symposium_speakers (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    session_id INTEGER NOT NULL REFERENCES symposium_sessions(id) ON DELETE CASCADE,
    person_id INTEGER REFERENCES people(id) ON DELETE RESTRICT,
    name TEXT,
    affiliation_en TEXT,
    affiliation_ja TEXT,
    affiliation_th TEXT,
    affiliation_ms TEXT,
    CHECK ((person_id IS NULL) <> (name IS NULL))
);
CREATE INDEX symposium_speakers_session ON symposium_speakers(session_id);
CREATE INDEX symposium_speakers_person ON symposium_speakers(person_id);

CREATE TABLE symposium_regions (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    symposium_id INTEGER NOT NULL REFERENCES symposiums(id) ON DELETE CASCADE,
    country TEXT NOT NULL,
    name_en TEXT,
    name_ja TEXT,
    name_th TEXT,
    name_ms TEXT,
    CHECK (name_en IS NOT NULL OR name_ja IS NOT NULL OR name_th IS NOT NULL OR name_ms IS NOT NULL)
);
CREATE INDEX symposium_regions_symposium ON symposium_regions(symposium_id);

CREATE TABLE courtesy_calls (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    visitor_en TEXT,
    visitor_ja TEXT,
    visitor_th TEXT,
    visitor_ms TEXT,
    host_en TEXT,
    host_ja TEXT,
    host_th TEXT,
    host_ms TEXT,
    host_organisation_id INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    called_on TEXT NOT NULL,
    starts_at TEXT,
    locality_id INTEGER REFERENCES localities(id) ON DELETE RESTRICT,
    delegation_id INTEGER REFERENCES delegations(id) ON DELETE SET NULL,
    edition_id INTEGER REFERENCES editions(id) ON DELETE SET NULL,
    purpose_en TEXT,
    purpose_ja TEXT,
    purpose_th TEXT,
    purpose_ms TEXT,
    public INTEGER NOT NULL DEFAULT 0,
    CHECK (visitor_en IS NOT NULL OR visitor_ja IS NOT NULL OR visitor_th IS NOT NULL OR visitor_ms IS NOT NULL),
    CHECK (host_en IS NOT NULL OR host_ja IS NOT NULL OR host_th IS NOT NULL OR host_ms IS NOT NULL)
);
CREATE INDEX courtesy_calls_delegation ON courtesy_calls(delegation_id);

-- Photos of any activity: the subject is named by kind and id (it may be
-- a record of another system), so the application deletes a record's
-- photos with it.
CREATE TABLE photos (
    id INTEGER PRIMARY KEY,
    subject TEXT NOT NULL,
    subject_id INTEGER NOT NULL,
    caption_en TEXT,
    caption_ja TEXT,
    caption_th TEXT,
    caption_ms TEXT,
    taken_on TEXT,
    credit TEXT,
    public INTEGER NOT NULL DEFAULT 0,
    media_type TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    content TEXT NOT NULL,
    uploaded_at TEXT NOT NULL,
    CHECK (caption_en IS NOT NULL OR caption_ja IS NOT NULL OR caption_th IS NOT NULL OR caption_ms IS NOT NULL)
);
CREATE INDEX photos_subject ON photos(subject, subject_id);
