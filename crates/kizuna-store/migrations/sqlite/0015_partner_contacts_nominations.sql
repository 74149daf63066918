-- A partner organisation's contact details, which its partner accounts
-- keep up to date themselves, and the nomination files partners upload for
-- the office's staff to review (an application, Part A and Part B of a
-- nominee: personal and sometimes medical data, so kept here, read only by
-- staff and the organisation that sent it, every read logged).
ALTER TABLE organisations ADD COLUMN address TEXT;
ALTER TABLE organisations ADD COLUMN phone TEXT;
ALTER TABLE organisations ADD COLUMN email TEXT;
ALTER TABLE organisations ADD COLUMN website TEXT;
ALTER TABLE organisations ADD COLUMN contact_person TEXT;

CREATE TABLE nominations (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE RESTRICT,
    edition_id      INTEGER REFERENCES editions(id) ON DELETE SET NULL,
    uploaded_by     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    uploaded_at     TEXT NOT NULL,
    file_name       TEXT NOT NULL,
    -- 'csv', 'xlsx' or 'pdf', as the file was checked to be.
    file_kind       TEXT NOT NULL CHECK (file_kind IN ('csv', 'xlsx', 'pdf')),
    size_bytes      INTEGER NOT NULL,
    sha256          TEXT NOT NULL,
    -- The file, base64 (both databases keep text alike).
    content         TEXT NOT NULL,
    note            TEXT,
    status          TEXT NOT NULL DEFAULT 'submitted'
                    CHECK (status IN ('submitted', 'reviewed', 'accepted', 'declined')),
    review_note     TEXT,
    reviewed_by     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    reviewed_at     TEXT,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX nominations_organisation ON nominations(organisation_id, uploaded_at);
CREATE INDEX nominations_status ON nominations(status, uploaded_at);
