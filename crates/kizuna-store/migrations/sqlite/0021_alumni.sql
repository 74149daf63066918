-- Alumni follow-up (issue 13): former trainees and volunteers followed up
-- six and twelve months after they finished, and alumni associations by
-- country with their members. The records belong to the training system
-- (no system row of their own). The SQLite and PostgreSQL files say the
-- same; the schema test holds them to the same columns.

-- A follow-up of a completed participation or an ended placement (one of the two).
CREATE TABLE follow_ups (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
    participation_id INTEGER REFERENCES participations(id) ON DELETE CASCADE,
    placement_id INTEGER REFERENCES placements(id) ON DELETE CASCADE,
    milestone TEXT NOT NULL,
    due_on TEXT NOT NULL,
    done_on TEXT,
    progress TEXT NOT NULL DEFAULT 'not_started',
    notes_en TEXT,
    notes_ja TEXT,
    notes_th TEXT,
    notes_ms TEXT,
    evidence_url TEXT,
    channel TEXT,
    CHECK ((participation_id IS NOT NULL) + (placement_id IS NOT NULL) = 1)
);
CREATE INDEX follow_ups_person ON follow_ups(person_id);
CREATE INDEX follow_ups_participation ON follow_ups(participation_id);
CREATE INDEX follow_ups_placement ON follow_ups(placement_id);
CREATE INDEX follow_ups_due ON follow_ups(due_on);

-- Alumni associations, one country's alumni each.
CREATE TABLE alumni_associations (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    country TEXT NOT NULL,
    name_en TEXT,
    name_ja TEXT,
    name_th TEXT,
    name_ms TEXT,
    founded_on TEXT,
    contact_organisation_id INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    note_en TEXT,
    note_ja TEXT,
    note_th TEXT,
    note_ms TEXT,
    CHECK (name_en IS NOT NULL OR name_ja IS NOT NULL OR name_th IS NOT NULL OR name_ms IS NOT NULL)
);
CREATE INDEX alumni_associations_country ON alumni_associations(country);

-- An association's members (a person at most once in each).
CREATE TABLE alumni_members (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    association_id INTEGER NOT NULL REFERENCES alumni_associations(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
    joined_on TEXT,
    role TEXT NOT NULL DEFAULT 'member',
    UNIQUE (association_id, person_id)
);
CREATE INDEX alumni_members_person ON alumni_members(person_id);
