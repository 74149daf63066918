-- no-transaction
-- Offices; a version on every record (edits from a stale form are refused);
-- titles and names in English, Japanese, Thai and Malay (at least one);
-- and a change feed per system instead of one global counter.
--
-- SQLite cannot drop a NOT NULL or add a column that refers to another
-- table with a non-null default while foreign keys are enforced, so the
-- tables whose English name or title becomes optional are rebuilt, with
-- foreign keys off for the length of this migration (a transaction of its
-- own, checked with foreign_key_check before it commits).
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE offices (
    id      INTEGER PRIMARY KEY,
    version BIGINT NOT NULL DEFAULT 1,
    key     TEXT NOT NULL UNIQUE,
    name_en TEXT,
    name_ja TEXT,
    name_th TEXT,
    name_ms TEXT,
    CHECK (name_en IS NOT NULL OR name_ja IS NOT NULL OR name_th IS NOT NULL OR name_ms IS NOT NULL)
);
INSERT INTO offices (id, key, name_en, name_ja, name_th, name_ms)
VALUES (1, 'default', 'The office', '事務所', 'สำนักงาน', 'Pejabat');

CREATE TABLE localities_next (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    country    TEXT NOT NULL CHECK (length(country) = 2),
    level      TEXT NOT NULL,
    parent_id  INTEGER REFERENCES localities(id) ON DELETE RESTRICT,
    name_en    TEXT,
    name_ja    TEXT,
    name_local TEXT,
    version    BIGINT NOT NULL DEFAULT 1,
    name_th    TEXT,
    name_ms    TEXT,
    CHECK (name_en IS NOT NULL OR name_ja IS NOT NULL OR name_th IS NOT NULL OR name_ms IS NOT NULL)
);
INSERT INTO localities_next (id, key, country, level, parent_id, name_en, name_ja, name_local)
SELECT id, key, country, level, parent_id, name_en, name_ja, name_local FROM localities;
DROP TABLE localities;
ALTER TABLE localities_next RENAME TO localities;

CREATE TABLE organisations_next (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    name_en     TEXT,
    name_ja     TEXT,
    name_local  TEXT,
    kind        TEXT NOT NULL,
    country     TEXT NOT NULL CHECK (length(country) = 2),
    locality_id INTEGER REFERENCES localities(id) ON DELETE RESTRICT,
    version     BIGINT NOT NULL DEFAULT 1,
    office_id   INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    name_th     TEXT,
    name_ms     TEXT,
    CHECK (name_en IS NOT NULL OR name_ja IS NOT NULL OR name_th IS NOT NULL OR name_ms IS NOT NULL)
);
INSERT INTO organisations_next (id, key, name_en, name_ja, name_local, kind, country, locality_id)
SELECT id, key, name_en, name_ja, name_local, kind, country, locality_id FROM organisations;
DROP TABLE organisations;
ALTER TABLE organisations_next RENAME TO organisations;

CREATE TABLE programmes_next (
    id              INTEGER PRIMARY KEY,
    key             TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,
    title_en        TEXT,
    title_ja        TEXT,
    organisation_id INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    summary_en      TEXT,
    version         BIGINT NOT NULL DEFAULT 1,
    office_id       INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    title_th        TEXT,
    title_ms        TEXT,
    summary_ja      TEXT,
    summary_th      TEXT,
    summary_ms      TEXT,
    CHECK (title_en IS NOT NULL OR title_ja IS NOT NULL OR title_th IS NOT NULL OR title_ms IS NOT NULL)
);
INSERT INTO programmes_next (id, key, kind, title_en, title_ja, organisation_id, summary_en)
SELECT id, key, kind, title_en, title_ja, organisation_id, summary FROM programmes;
DROP TABLE programmes;
ALTER TABLE programmes_next RENAME TO programmes;

CREATE TABLE sessions_next (
    id                   INTEGER PRIMARY KEY,
    edition_id           INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
    kind                 TEXT NOT NULL,
    title_en             TEXT,
    title_ja             TEXT,
    starts_at            TEXT NOT NULL,
    ends_at              TEXT NOT NULL,
    place                TEXT,
    host_organisation_id INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    version              BIGINT NOT NULL DEFAULT 1,
    office_id            INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    title_th             TEXT,
    title_ms             TEXT,
    CHECK (title_en IS NOT NULL OR title_ja IS NOT NULL OR title_th IS NOT NULL OR title_ms IS NOT NULL)
);
INSERT INTO sessions_next (id, edition_id, kind, title_en, title_ja, starts_at, ends_at, place, host_organisation_id)
SELECT id, edition_id, kind, title_en, title_ja, starts_at, ends_at, place, host_organisation_id FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_next RENAME TO sessions;
CREATE INDEX sessions_edition ON sessions(edition_id, starts_at);

CREATE TABLE awards_next (
    id            INTEGER PRIMARY KEY,
    title_en      TEXT,
    title_ja      TEXT,
    awarded_by_id INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    recipient_id  INTEGER NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
    received_on   TEXT NOT NULL,
    citation_en   TEXT,
    version       BIGINT NOT NULL DEFAULT 1,
    office_id     INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT,
    title_th      TEXT,
    title_ms      TEXT,
    citation_ja   TEXT,
    citation_th   TEXT,
    citation_ms   TEXT,
    CHECK (title_en IS NOT NULL OR title_ja IS NOT NULL OR title_th IS NOT NULL OR title_ms IS NOT NULL)
);
INSERT INTO awards_next (id, title_en, title_ja, awarded_by_id, recipient_id, received_on, citation_en)
SELECT id, title_en, title_ja, awarded_by_id, recipient_id, received_on, citation FROM awards;
DROP TABLE awards;
ALTER TABLE awards_next RENAME TO awards;

ALTER TABLE people ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE people ADD COLUMN office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT;

ALTER TABLE editions ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE editions ADD COLUMN office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT;
ALTER TABLE editions ADD COLUMN title_ja TEXT;
ALTER TABLE editions ADD COLUMN title_th TEXT;
ALTER TABLE editions ADD COLUMN title_ms TEXT;
CREATE INDEX editions_office ON editions(office_id);

ALTER TABLE participations ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE participations ADD COLUMN office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT;

DROP INDEX places_changed_version;
ALTER TABLE places DROP COLUMN changed_version;
ALTER TABLE places ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE places ADD COLUMN office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT;
ALTER TABLE places ADD COLUMN description_en TEXT;
ALTER TABLE places ADD COLUMN description_ja TEXT;
ALTER TABLE places ADD COLUMN description_th TEXT;
ALTER TABLE places ADD COLUMN description_ms TEXT;
DROP TABLE place_deletions;

ALTER TABLE users ADD COLUMN office_id INTEGER NOT NULL DEFAULT 1 REFERENCES offices(id) ON DELETE RESTRICT;

-- The change feed: each system's version, bumped by every write to its
-- records, and what each write changed.
CREATE TABLE system_versions (
    system  TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO system_versions (system, version) VALUES ('common', 0), ('training', 0), ('exchanges', 0), ('map', 0);

CREATE TABLE changes (
    system     TEXT NOT NULL,
    version    BIGINT NOT NULL,
    entity     TEXT NOT NULL,
    record_id  BIGINT NOT NULL,
    office_id  BIGINT,
    op         TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    changed_at TEXT NOT NULL
);
CREATE INDEX changes_since ON changes(system, version);

DROP TABLE data_version;

COMMIT;
PRAGMA foreign_keys = ON;
