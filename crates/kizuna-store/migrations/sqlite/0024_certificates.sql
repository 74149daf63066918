-- Completion certificates (issue 15 item 6): one per trainee who completed
-- an edition, under a random number (the verify page's key), with what
-- the public verify page shows kept on the row itself (course title in
-- four languages as JSON, fiscal year, issue date, status), so that a
-- lookup is one indexed read whether the number exists or not. The
-- person is named only by id; the credential as signed is kept whole.
-- The SQLite and PostgreSQL files say the same; the schema test holds
-- them to the same columns.
CREATE TABLE certificates (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    participation_id INTEGER NOT NULL UNIQUE,
    edition_id INTEGER NOT NULL,
    person_id INTEGER NOT NULL,
    -- The language beside Japanese: en, th or ms.
    second_lang TEXT NOT NULL,
    course TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    issued_on TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'valid',
    revoked_at TEXT,
    revoke_reason TEXT,
    -- The OpenBadgeCredential with its proof, as issued.
    credential TEXT NOT NULL
);
CREATE INDEX certificates_edition ON certificates(edition_id);
CREATE INDEX certificates_person ON certificates(person_id);
-- The verify page's rate limit: one row per request, by a salted hash of
-- the client's address, purged after the window.
CREATE TABLE certificate_verify_limits (
    subject TEXT NOT NULL,
    taken_at INTEGER NOT NULL
);
CREATE INDEX certificate_verify_limits_taken ON certificate_verify_limits(taken_at);
