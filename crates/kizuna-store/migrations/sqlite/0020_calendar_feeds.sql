-- Private calendar feeds (issue 13): a named subscription to the office's
-- calendar with its filters, reached by a secret URL. Only the SHA-256 of
-- the secret is kept, as for API tokens; a revoked feed answers 404.
-- The SQLite and PostgreSQL files say the same; the schema test holds
-- them to the same columns.
CREATE TABLE calendar_feeds (
    id INTEGER PRIMARY KEY,
    secret_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    -- The kinds shown, comma-separated; empty for every kind.
    kinds TEXT NOT NULL DEFAULT '',
    programme_id INTEGER REFERENCES programmes(id) ON DELETE CASCADE,
    locality_id INTEGER REFERENCES localities(id) ON DELETE CASCADE,
    include_private INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    last_used_at TEXT
);
CREATE INDEX changes_record ON changes(entity, record_id);
