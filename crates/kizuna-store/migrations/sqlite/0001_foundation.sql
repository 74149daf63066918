-- Kizuna foundation: places, organisations, people, programmes, training.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE localities (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    country    TEXT NOT NULL CHECK (length(country) = 2),
    level      TEXT NOT NULL,
    parent_id  INTEGER REFERENCES localities(id) ON DELETE RESTRICT,
    name_en    TEXT NOT NULL,
    name_ja    TEXT,
    name_local TEXT
);

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    name_en     TEXT NOT NULL,
    name_ja     TEXT,
    name_local  TEXT,
    kind        TEXT NOT NULL,
    country     TEXT NOT NULL CHECK (length(country) = 2),
    locality_id INTEGER REFERENCES localities(id) ON DELETE RESTRICT
);

CREATE TABLE people (
    id              INTEGER PRIMARY KEY,
    identity_key    TEXT NOT NULL UNIQUE,
    family_name     TEXT NOT NULL,
    given_name      TEXT,
    name_native     TEXT,
    name_kana       TEXT,
    gender          TEXT NOT NULL,
    nationality     TEXT NOT NULL CHECK (length(nationality) = 2),
    birth_date      TEXT,
    email           TEXT,
    organisation_id INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    position        TEXT
);
CREATE INDEX people_nationality ON people(nationality);
CREATE INDEX people_organisation ON people(organisation_id);

CREATE TABLE programmes (
    id              INTEGER PRIMARY KEY,
    key             TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,
    title_en        TEXT NOT NULL,
    title_ja        TEXT,
    organisation_id INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    summary         TEXT
);

CREATE TABLE editions (
    id           INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE RESTRICT,
    key          TEXT NOT NULL UNIQUE,
    fiscal_year  INTEGER NOT NULL,
    scope        TEXT NOT NULL,
    title_en     TEXT,
    starts_on    TEXT NOT NULL,
    ends_on      TEXT NOT NULL,
    capacity     INTEGER
);
CREATE INDEX editions_programme ON editions(programme_id);
CREATE INDEX editions_fiscal_year ON editions(fiscal_year);

CREATE TABLE edition_countries (
    edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
    country    TEXT NOT NULL CHECK (length(country) = 2),
    PRIMARY KEY (edition_id, country)
);

CREATE TABLE participations (
    id                INTEGER PRIMARY KEY,
    edition_id        INTEGER NOT NULL REFERENCES editions(id) ON DELETE RESTRICT,
    person_id         INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
    role              TEXT NOT NULL,
    status            TEXT NOT NULL,
    started_on        TEXT,
    ended_on          TEXT,
    action_plan_title TEXT,
    UNIQUE (edition_id, person_id, role)
);
CREATE INDEX participations_person ON participations(person_id);
CREATE INDEX participations_role_status ON participations(role, status);

CREATE TABLE sessions (
    id                   INTEGER PRIMARY KEY,
    edition_id           INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
    kind                 TEXT NOT NULL,
    title_en             TEXT NOT NULL,
    title_ja             TEXT,
    starts_at            TEXT NOT NULL,
    ends_at              TEXT NOT NULL,
    place                TEXT,
    host_organisation_id INTEGER REFERENCES organisations(id) ON DELETE RESTRICT
);
CREATE INDEX sessions_edition ON sessions(edition_id, starts_at);

CREATE TABLE session_instructors (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
    PRIMARY KEY (session_id, person_id)
);

CREATE TABLE attendance (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
    present    INTEGER NOT NULL,
    note       TEXT,
    PRIMARY KEY (session_id, person_id)
);

CREATE TABLE awards (
    id            INTEGER PRIMARY KEY,
    title_en      TEXT NOT NULL,
    title_ja      TEXT,
    awarded_by_id INTEGER REFERENCES organisations(id) ON DELETE RESTRICT,
    recipient_id  INTEGER NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
    received_on   TEXT NOT NULL,
    citation      TEXT
);
