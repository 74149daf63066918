-- The staff list and the visitor's list (/map) ordered and paged in SQL
-- (issue 17 item 2): each place's shown name, in each order a list uses
-- (ord: the reader's collation and the name languages tried, e.g. 'ms,id'),
-- kept as an ICU collation sort key, whose bytes compare (memcmp, then the
-- shorter first: SQLite's BLOB order, PostgreSQL's bytea order) as the
-- collator compares the names. A list reads
-- ORDER BY sort_key, place_id from the index below.
-- The keys are derived data, written in the transaction of every write
-- that logs a place in the change feed (crate::place_sort); a place
-- deleted takes its keys with it. place_sort_state says which collation
-- (ICU version, CLDR data) made the keys and whether every place has
-- them: a store upgraded to this migration holds places without keys, built
-- at start-up (Store::open for a small store, `kizuna serve` in the
-- background for a large one); until then the lists sort in Rust.
-- The SQLite and PostgreSQL files say the same.
CREATE TABLE place_sort_keys (
    place_id BIGINT NOT NULL REFERENCES places(id) ON DELETE CASCADE,
    ord TEXT NOT NULL,
    sort_key BYTEA NOT NULL,
    PRIMARY KEY (place_id, ord)
);
CREATE INDEX place_sort_keys_order ON place_sort_keys(ord, sort_key, place_id);

-- One row. made_by: the collation that made the keys ('' none yet); built_to: the
-- places up to this id have keys by it (a build goes on from there after a
-- restart); complete: 1 when every place has.
CREATE TABLE place_sort_state (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    made_by TEXT NOT NULL,
    built_to BIGINT NOT NULL,
    complete BIGINT NOT NULL
);
INSERT INTO place_sort_state (id, made_by, built_to, complete) VALUES (1, '', 0, 0);
