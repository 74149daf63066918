-- Visitor details of a place (issue 14): the Friday prayer (jumu'ah) at
-- mosques and prayer rooms (HH:MM, a second congregation, a note in four
-- languages), the ways to pay (a set, written 'cash;credit_card'), and a
-- price range from 1 to 4. All optional: places written before know none.
ALTER TABLE places ADD COLUMN jumuah_time TEXT;
ALTER TABLE places ADD COLUMN jumuah_second_time TEXT;
ALTER TABLE places ADD COLUMN jumuah_note_en TEXT;
ALTER TABLE places ADD COLUMN jumuah_note_ja TEXT;
ALTER TABLE places ADD COLUMN jumuah_note_th TEXT;
ALTER TABLE places ADD COLUMN jumuah_note_ms TEXT;
ALTER TABLE places ADD COLUMN payment TEXT;
ALTER TABLE places ADD COLUMN price_range INTEGER CHECK (price_range BETWEEN 1 AND 4);

-- Visitors' reports of a problem with a place, sent without an account,
-- for staff to resolve or dismiss with a note. The contact a visitor may
-- leave is cleared when the report is closed and goes with the report
-- (and with its place).
CREATE TABLE place_reports (
    id INTEGER PRIMARY KEY,
    place_id INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    text TEXT,
    contact TEXT,
    status TEXT NOT NULL DEFAULT 'open',
    created_at TEXT NOT NULL,
    closed_at TEXT,
    closed_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    note TEXT
);
CREATE INDEX place_reports_status ON place_reports(status, place_id);
CREATE INDEX place_reports_place ON place_reports(place_id);

-- When reports were taken, for the limits per client and in all: the
-- client as a salted SHA-256 of its address (never the address), the
-- time in Unix seconds. Rows older than the window are purged as reports
-- are taken.
CREATE TABLE place_report_limits (
    subject TEXT NOT NULL,
    taken_at INTEGER NOT NULL
);
CREATE INDEX place_report_limits_at ON place_report_limits(taken_at);
CREATE INDEX place_report_limits_subject ON place_report_limits(subject, taken_at);
