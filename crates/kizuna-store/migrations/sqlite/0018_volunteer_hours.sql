-- Volunteers log their own hours (issue 13): a volunteer account is a
-- person (users.person_id); the hours and short reports logged against a
-- placement, with who logged them (source), their review (status, by
-- whom, when, why) and the minutes (hours as whole minutes, more than 0
-- and at most a day); and, per volunteer scheme, whether volunteers' own
-- entries are approved on creation (self-attestation). The SQLite and
-- PostgreSQL files say the same; the schema test holds them to the same
-- columns.

ALTER TABLE users ADD COLUMN person_id INTEGER REFERENCES people(id) ON DELETE RESTRICT;
CREATE INDEX users_person ON users(person_id);

CREATE TABLE volunteer_entries (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    placement_id INTEGER NOT NULL REFERENCES placements(id) ON DELETE CASCADE,
    worked_on TEXT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
    activity TEXT NOT NULL,
    report_en TEXT,
    report_ja TEXT,
    report_th TEXT,
    report_ms TEXT,
    source TEXT NOT NULL CHECK (source IN ('self', 'staff', 'check_in')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    logged_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    reviewed_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    reviewed_at TEXT,
    review_note TEXT
);
CREATE INDEX volunteer_entries_placement ON volunteer_entries(placement_id, worked_on);
CREATE INDEX volunteer_entries_status ON volunteer_entries(status, worked_on);

-- Per scheme (jocv, fft, glocal, other): volunteers' own entries approved
-- on creation. A scheme without a row does not trust self-attestation.
CREATE TABLE volunteer_schemes (
    scheme TEXT PRIMARY KEY,
    self_attestation INTEGER NOT NULL DEFAULT 0
);
