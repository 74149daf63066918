-- Tourism (issue 15): travel fairs attended or hosted with the people who
-- went and the leads that came of them or of a campaign, promotion
-- campaigns, links to the training editions that were tourism trainings,
-- and visitor flows by month with the stage of each figure, the imports
-- that wrote them and what each replaced. The SQLite and PostgreSQL files
-- say the same; the schema test holds them to the same columns.

CREATE TABLE travel_fairs (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    name_en TEXT,
    name_ja TEXT,
    name_th TEXT,
    name_ms TEXT,
    role TEXT NOT NULL,
    city TEXT NOT NULL,
    country TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    contacts TEXT,
    dispatch_id INTEGER REFERENCES dispatches(id) ON DELETE SET NULL,
    CHECK (name_en IS NOT NULL OR name_ja IS NOT NULL OR name_th IS NOT NULL OR name_ms IS NOT NULL)
);

-- The people who went.
CREATE TABLE travel_fair_people (
    fair_id INTEGER NOT NULL REFERENCES travel_fairs(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
    PRIMARY KEY (fair_id, person_id)
);
CREATE INDEX travel_fair_people_person_id ON travel_fair_people(person_id);

CREATE TABLE tourism_campaigns (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    title_en TEXT,
    title_ja TEXT,
    title_th TEXT,
    title_ms TEXT,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    market TEXT NOT NULL,
    channel TEXT NOT NULL,
    note_en TEXT,
    note_ja TEXT,
    note_th TEXT,
    note_ms TEXT,
    CHECK (title_en IS NOT NULL OR title_ja IS NOT NULL OR title_th IS NOT NULL OR title_ms IS NOT NULL)
);

-- A lead comes from one fair or one campaign and goes with it.
CREATE TABLE tourism_leads (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    fair_id INTEGER REFERENCES travel_fairs(id) ON DELETE CASCADE,
    campaign_id INTEGER REFERENCES tourism_campaigns(id) ON DELETE CASCADE,
    organisation_id INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    contact TEXT,
    subject TEXT NOT NULL,
    status TEXT NOT NULL,
    followed_up_on TEXT,
    next_on TEXT,
    note TEXT,
    CHECK ((fair_id IS NULL) <> (campaign_id IS NULL))
);
CREATE INDEX tourism_leads_fair ON tourism_leads(fair_id);
CREATE INDEX tourism_leads_campaign ON tourism_leads(campaign_id);

-- A training edition that was a tourism training (the participants stay
-- the training system's).
CREATE TABLE tourism_trainings (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    edition_id INTEGER NOT NULL UNIQUE REFERENCES editions(id) ON DELETE CASCADE,
    note_en TEXT,
    note_ja TEXT,
    note_th TEXT,
    note_ms TEXT
);

-- A flows file imported: which file, when, by whom and what it did.
CREATE TABLE tourism_flow_imports (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    file_name TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    note TEXT,
    added INTEGER NOT NULL,
    replaced INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    kept INTEGER NOT NULL
);

-- One figure: visitors from an area to an area in a month (YYYY-MM), at
-- its stage. An area is a country, or a locality in it.
CREATE TABLE tourism_flows (
    id INTEGER PRIMARY KEY,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    origin_country TEXT NOT NULL,
    origin_locality_id INTEGER REFERENCES localities(id) ON DELETE RESTRICT,
    destination_country TEXT NOT NULL,
    destination_locality_id INTEGER REFERENCES localities(id) ON DELETE RESTRICT,
    month TEXT NOT NULL,
    stage TEXT NOT NULL,
    visitors INTEGER NOT NULL CHECK (visitors >= 0),
    import_id INTEGER NOT NULL REFERENCES tourism_flow_imports(id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX tourism_flows_cell ON tourism_flows(
    origin_country, COALESCE(origin_locality_id, 0),
    destination_country, COALESCE(destination_locality_id, 0), month);

-- What an import replaced: the figure before and after.
CREATE TABLE tourism_flow_history (
    id INTEGER PRIMARY KEY,
    flow_id INTEGER NOT NULL REFERENCES tourism_flows(id) ON DELETE CASCADE,
    import_id INTEGER NOT NULL REFERENCES tourism_flow_imports(id) ON DELETE RESTRICT,
    old_stage TEXT NOT NULL,
    old_visitors INTEGER NOT NULL,
    old_import_id INTEGER NOT NULL REFERENCES tourism_flow_imports(id) ON DELETE RESTRICT,
    new_stage TEXT NOT NULL,
    new_visitors INTEGER NOT NULL
);
CREATE INDEX tourism_flow_history_flow ON tourism_flow_history(flow_id, id);

INSERT INTO system_versions (system, version) VALUES ('tourism', 0);
