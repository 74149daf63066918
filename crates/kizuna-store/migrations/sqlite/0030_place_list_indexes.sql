-- The staff list's review counts (Store::place_list_counts) and its
-- "not verified since" filter read through these indexes instead of every
-- place (issue 17 item 2): stale places are a range of last_verified (and
-- those never verified, NULL); expiring and expired certificates a range
-- of certificate_valid_until among the certified.
-- A rare category on the visitor's list (/map?category=mosque) reads its
-- places through places_category (migration 4) and their sort keys by
-- place; nothing new is needed for it.
-- The SQLite and PostgreSQL files say the same, except that PostgreSQL
-- also indexes the staff list's text search by trigrams when it can.
CREATE INDEX places_last_verified ON places(last_verified);
CREATE INDEX places_certificate ON places(assurance, certificate_valid_until);
