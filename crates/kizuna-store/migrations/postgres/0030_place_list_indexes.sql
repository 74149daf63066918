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

-- The staff list's text search (a part of any name, chain or branch, in
-- any case: crate::place_list) asks
--   lower(<every text column, each NULL as '', joined by U+001F>) LIKE '%…%'
-- which a pg_trgm GIN index answers without reading every place. pg_trgm
-- ships with PostgreSQL (contrib) and is a trusted extension, but a server
-- without it, or a role not allowed to create it, still gets a working
-- store: the search then reads every place, as before. The expression must
-- stay the one place_list::text_expression writes (a unit test checks).
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%): the staff list''s text search reads every place', SQLERRM;
END
$$;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        EXECUTE $i$CREATE INDEX places_text_trigrams ON places USING gin (lower(COALESCE(name_ja, '') || E'\x1f' || COALESCE(name_en, '') || E'\x1f' || COALESCE(name_th, '') || E'\x1f' || COALESCE(name_ms, '') || E'\x1f' || COALESCE(name_ar, '') || E'\x1f' || COALESCE(name_id, '') || E'\x1f' || COALESCE(chain_en, '') || E'\x1f' || COALESCE(chain_ja, '') || E'\x1f' || COALESCE(chain_th, '') || E'\x1f' || COALESCE(chain_ms, '') || E'\x1f' || COALESCE(branch_en, '') || E'\x1f' || COALESCE(branch_ja, '') || E'\x1f' || COALESCE(branch_th, '') || E'\x1f' || COALESCE(branch_ms, '')) gin_trgm_ops)$i$;
    END IF;
END
$$;
