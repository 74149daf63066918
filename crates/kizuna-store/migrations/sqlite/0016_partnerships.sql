-- Partnership programmes and their ripples (issue 12): the details of a
-- programme of kind 'partnership', the organisations in a programme with
-- their IATI roles, activities, the ripple ledger of outcomes and their
-- causal links (a directed acyclic graph the application keeps acyclic),
-- evidence files, local-to-local links and what parties offer and seek.
-- The SQLite and PostgreSQL files say the same; the schema test holds
-- them to the same columns.

-- The partnership details of a programme of kind 'partnership' (one each).
CREATE TABLE partnerships (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE UNIQUE,
    funding_scheme_en TEXT,
    funding_scheme_ja TEXT,
    funding_scheme_th TEXT,
    funding_scheme_ms TEXT,
    proposer_id INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    japan_locality_id INTEGER NOT NULL REFERENCES localities(id) ON DELETE RESTRICT,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    status TEXT NOT NULL,
    budget_amount INTEGER,
    budget_currency TEXT,
    themes TEXT NOT NULL DEFAULT '',
    public INTEGER NOT NULL DEFAULT 0,
    CHECK (funding_scheme_en IS NOT NULL OR funding_scheme_ja IS NOT NULL OR funding_scheme_th IS NOT NULL OR funding_scheme_ms IS NOT NULL)
);

-- The localities abroad a partnership links.
CREATE TABLE partnership_localities (
    partnership_id INTEGER NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
    locality_id INTEGER NOT NULL REFERENCES localities(id) ON DELETE RESTRICT,
    PRIMARY KEY (partnership_id, locality_id)
);
CREATE INDEX partnership_localities_locality_id ON partnership_localities(locality_id);

-- The organisations in a programme, each in an IATI role.
CREATE TABLE programme_organisations (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
    role TEXT NOT NULL,
    UNIQUE (programme_id, organisation_id, role)
);

-- What a partnership programme does: trainings, visits, joint development, fairs.
CREATE TABLE activities (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE RESTRICT,
    kind TEXT NOT NULL,
    title_en TEXT,
    title_ja TEXT,
    title_th TEXT,
    title_ms TEXT,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    locality_id INTEGER REFERENCES localities(id) ON DELETE RESTRICT,
    place TEXT,
    summary_en TEXT,
    summary_ja TEXT,
    summary_th TEXT,
    summary_ms TEXT,
    organisation_id INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    CHECK (title_en IS NOT NULL OR title_ja IS NOT NULL OR title_th IS NOT NULL OR title_ms IS NOT NULL)
);

-- The people who took part in an activity.
CREATE TABLE activity_people (
    activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
    PRIMARY KEY (activity_id, person_id)
);
CREATE INDEX activity_people_person_id ON activity_people(person_id);

-- The ripple ledger: outcomes harvested, on either side, with their substantiation.
CREATE TABLE outcomes (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE RESTRICT,
    title_en TEXT,
    title_ja TEXT,
    title_th TEXT,
    title_ms TEXT,
    description_en TEXT,
    description_ja TEXT,
    description_th TEXT,
    description_ms TEXT,
    kind TEXT NOT NULL,
    side TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    actor_organisation_id INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    actor_person_id INTEGER REFERENCES people(id) ON DELETE RESTRICT,
    actor_description_en TEXT,
    actor_description_ja TEXT,
    actor_description_th TEXT,
    actor_description_ms TEXT,
    agent_organisation_id INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    contribution_en TEXT,
    contribution_ja TEXT,
    contribution_th TEXT,
    contribution_ms TEXT,
    significance_en TEXT,
    significance_ja TEXT,
    significance_th TEXT,
    significance_ms TEXT,
    proposal_status TEXT,
    evidence_url TEXT,
    substantiated_by TEXT,
    substantiated_on TEXT,
    verdict TEXT,
    substantiation_note TEXT,
    public INTEGER NOT NULL DEFAULT 0,
    recorded_by TEXT NOT NULL DEFAULT 'staff',
    CHECK (title_en IS NOT NULL OR title_ja IS NOT NULL OR title_th IS NOT NULL OR title_ms IS NOT NULL),
    CHECK (description_en IS NOT NULL OR description_ja IS NOT NULL OR description_th IS NOT NULL OR description_ms IS NOT NULL)
);

-- The localities where an outcome happened.
CREATE TABLE outcome_localities (
    outcome_id INTEGER NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    locality_id INTEGER NOT NULL REFERENCES localities(id) ON DELETE RESTRICT,
    PRIMARY KEY (outcome_id, locality_id)
);
CREATE INDEX outcome_localities_locality_id ON outcome_localities(locality_id);

-- Causal links: a programme, an activity or an outcome led to an outcome.
CREATE TABLE outcome_links (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    from_programme_id INTEGER REFERENCES programmes(id) ON DELETE CASCADE,
    from_activity_id INTEGER REFERENCES activities(id) ON DELETE CASCADE,
    from_outcome_id INTEGER REFERENCES outcomes(id) ON DELETE CASCADE,
    to_outcome_id INTEGER NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    note_en TEXT,
    note_ja TEXT,
    note_th TEXT,
    note_ms TEXT,
    CHECK ((from_programme_id IS NOT NULL) + (from_activity_id IS NOT NULL) + (from_outcome_id IS NOT NULL) = 1)
);

-- Files that evidence an outcome (base64, as nominations keep theirs).
CREATE TABLE outcome_evidence (
    id          INTEGER PRIMARY KEY,
    outcome_id  INTEGER NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    size_bytes  INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    content     TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
);
CREATE INDEX outcome_evidence_outcome ON outcome_evidence(outcome_id);

-- Local-to-local links (sister cities and others) between a Japanese locality and one abroad.
CREATE TABLE local_links (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    japan_locality_id INTEGER NOT NULL REFERENCES localities(id) ON DELETE RESTRICT,
    abroad_locality_id INTEGER NOT NULL REFERENCES localities(id) ON DELETE RESTRICT,
    kind TEXT NOT NULL,
    since TEXT NOT NULL,
    agreement_on TEXT,
    signatories TEXT,
    council_approved_on TEXT,
    exchange_fields TEXT,
    note_en TEXT,
    note_ja TEXT,
    note_th TEXT,
    note_ms TEXT,
    UNIQUE (japan_locality_id, abroad_locality_id, kind)
);

-- What organisations and localities offer and seek, by theme.
CREATE TABLE offers_needs (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    organisation_id INTEGER REFERENCES organisations(id) ON DELETE CASCADE,
    locality_id INTEGER REFERENCES localities(id) ON DELETE CASCADE,
    direction TEXT NOT NULL,
    theme TEXT NOT NULL,
    detail_en TEXT,
    detail_ja TEXT,
    detail_th TEXT,
    detail_ms TEXT,
    CHECK ((organisation_id IS NULL) <> (locality_id IS NULL))
);

CREATE INDEX activities_programme ON activities(programme_id, starts_on);
CREATE INDEX outcomes_programme ON outcomes(programme_id, occurred_on);
CREATE INDEX outcome_links_to ON outcome_links(to_outcome_id);
CREATE INDEX outcome_links_from_outcome ON outcome_links(from_outcome_id);
CREATE INDEX outcome_links_from_activity ON outcome_links(from_activity_id);
CREATE INDEX outcome_links_from_programme ON outcome_links(from_programme_id);
CREATE INDEX local_links_abroad ON local_links(abroad_locality_id);
CREATE INDEX offers_needs_organisation ON offers_needs(organisation_id);
CREATE INDEX offers_needs_locality ON offers_needs(locality_id);
CREATE INDEX programme_organisations_organisation ON programme_organisations(organisation_id);

INSERT INTO system_versions (system, version) VALUES ('partnerships', 0);
