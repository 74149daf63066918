-- Trainee counts kept set-based on PostgreSQL (issue 17 item 4).
--
-- Migration 25 moved the counts from row-level triggers on trainee_firsts:
-- every first added or removed called two functions, each checking the
-- pause and upserting its four buckets, and a person's refresh deleted and
-- wrote again all their firsts even when none changed. A single trainee
-- added cost ~3 ms of trigger work that way, and in a long transaction
-- the same hot count rows (a decade's, a year's) were updated once per
-- first, each update walking the row's growing chain of versions.
--
-- Here:
-- - trainee_stats_refresh removes only the firsts that changed and adds
--   only the missing ones: a participation that moves nobody's first day
--   (a second course the same year, a later edition) writes nothing;
-- - the firsts' triggers are statement-level with transition tables: one
--   call per statement, each count row moved once by a grouped upsert,
--   however many firsts the statement wrote (an edition moved with its
--   hundreds of trainees, a rebuild paused: one pause check, not one a row).
-- The counts are the same as before (tests/trainee_stats.rs compares them
-- with the participations and with SQLite's, which keeps migration 25's
-- row triggers).

-- A person's firsts as their participations say.
CREATE FUNCTION trainee_stats_fresh(ids BIGINT[]) RETURNS SETOF trainee_firsts LANGUAGE sql STABLE AS $$
    SELECT pa.person_id, 1, MIN(e.fiscal_year), pe.nationality, pe.gender, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id = ANY(ids) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, pe.nationality, pe.gender
    UNION ALL
    SELECT pa.person_id, 2, e.fiscal_year, pe.nationality, pe.gender, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id = ANY(ids) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.fiscal_year, pe.nationality, pe.gender
    UNION ALL
    SELECT pa.person_id, 3, e.programme_id, pe.nationality, pe.gender, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id = ANY(ids) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender
$$;

-- Recount people: the firsts that differ from what their participations
-- say removed, the missing ones added; the same ones left alone.
CREATE OR REPLACE FUNCTION trainee_stats_refresh(ids BIGINT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF NOT trainee_stats_live() THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(7251017);
    -- One statement (the firsts read and planned once): a changed first is
    -- removed by the CTE (run first: the INSERT waits on its count) and
    -- written anew by the INSERT, which sees the table as it was, so it
    -- adds every first not there identically.
    WITH fresh AS MATERIALIZED (SELECT * FROM trainee_stats_fresh(ids)),
    gone AS (
        DELETE FROM trainee_firsts t
         WHERE t.person_id = ANY(ids)
           AND NOT EXISTS (SELECT 1 FROM fresh f
                            WHERE f.person_id = t.person_id AND f.kind = t.kind AND f.g = t.g
                              AND f.country = t.country AND f.gender = t.gender AND f.first_on = t.first_on)
        RETURNING 1)
    INSERT INTO trainee_firsts (person_id, kind, g, country, gender, first_on)
    SELECT f.person_id, f.kind, f.g, f.country, f.gender, f.first_on FROM fresh f
     WHERE (SELECT COUNT(*) FROM gone) >= 0 -- the removals first, before the keys are written again
       AND NOT EXISTS (SELECT 1 FROM trainee_firsts t
                        WHERE t.person_id = f.person_id AND t.kind = f.kind AND t.g = f.g
                          AND t.country = f.country AND t.gender = f.gender AND t.first_on = f.first_on);
END $$;

DROP TRIGGER trainee_stats_first ON trainee_firsts;
DROP TRIGGER trainee_stats_person_count ON trainee_firsts;
DROP FUNCTION trainee_stats_first();
DROP FUNCTION trainee_stats_person_count();

-- Firsts added by a statement: their buckets counted up, and each course's
-- earliest day per country moved back where theirs is earlier.
CREATE FUNCTION trainee_stats_firsts_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT trainee_stats_live() OR NOT EXISTS (SELECT 1 FROM added) THEN
        RETURN NULL;
    END IF;
    INSERT INTO trainee_counts (lvl, bucket, kind, g, country, gender, n)
    SELECT l.lvl,
           CASE l.lvl WHEN 0 THEN f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END
                      WHEN 1 THEN f.ymd / 100 WHEN 2 THEN f.ymd
                      ELSE (f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10 END,
           f.kind, f.g, f.country, f.gender, COUNT(*)
      FROM (SELECT kind, g, CASE WHEN kind = 3 THEN '' ELSE country END AS country,
                   CASE WHEN kind = 1 THEN gender ELSE '' END AS gender,
                   CAST(to_char(first_on, 'YYYYMMDD') AS INTEGER) AS ymd FROM added) f
     CROSS JOIN (SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) l
     GROUP BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (lvl, bucket, kind, g, country, gender) DO UPDATE SET n = trainee_counts.n + excluded.n;
    INSERT INTO trainee_person_counts (country, gender, lvl, bucket, kind, g, n)
    SELECT f.country, f.gender, l.lvl,
           CASE l.lvl WHEN 0 THEN f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END
                      WHEN 1 THEN f.ymd / 100 WHEN 2 THEN f.ymd
                      ELSE (f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10 END,
           f.kind, f.g, COUNT(*)
      FROM (SELECT kind, g, country, gender, CAST(to_char(first_on, 'YYYYMMDD') AS INTEGER) AS ymd FROM added) f
     CROSS JOIN (SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) l
     GROUP BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (country, gender, lvl, bucket, kind, g) DO UPDATE SET n = trainee_person_counts.n + excluded.n;
    DELETE FROM trainee_course_countries cc
     USING (SELECT g, country, MIN(first_on) AS m FROM added WHERE kind = 3 GROUP BY g, country) np
     WHERE cc.programme_id = np.g AND cc.country = np.country AND cc.first_on > np.m;
    INSERT INTO trainee_course_countries (programme_id, country, first_on)
    SELECT g, country, MIN(first_on) FROM added WHERE kind = 3 GROUP BY g, country
        ON CONFLICT (programme_id, country) DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER trainee_stats_firsts_added AFTER INSERT ON trainee_firsts
REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION trainee_stats_firsts_added();

-- Firsts removed by a statement: their buckets counted down, and each
-- course's earliest day per country read again from the firsts left.
CREATE FUNCTION trainee_stats_firsts_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT trainee_stats_live() OR NOT EXISTS (SELECT 1 FROM removed) THEN
        RETURN NULL;
    END IF;
    INSERT INTO trainee_counts (lvl, bucket, kind, g, country, gender, n)
    SELECT l.lvl,
           CASE l.lvl WHEN 0 THEN f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END
                      WHEN 1 THEN f.ymd / 100 WHEN 2 THEN f.ymd
                      ELSE (f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10 END,
           f.kind, f.g, f.country, f.gender, -COUNT(*)
      FROM (SELECT kind, g, CASE WHEN kind = 3 THEN '' ELSE country END AS country,
                   CASE WHEN kind = 1 THEN gender ELSE '' END AS gender,
                   CAST(to_char(first_on, 'YYYYMMDD') AS INTEGER) AS ymd FROM removed) f
     CROSS JOIN (SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) l
     GROUP BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (lvl, bucket, kind, g, country, gender) DO UPDATE SET n = trainee_counts.n + excluded.n;
    INSERT INTO trainee_person_counts (country, gender, lvl, bucket, kind, g, n)
    SELECT f.country, f.gender, l.lvl,
           CASE l.lvl WHEN 0 THEN f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END
                      WHEN 1 THEN f.ymd / 100 WHEN 2 THEN f.ymd
                      ELSE (f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10 END,
           f.kind, f.g, -COUNT(*)
      FROM (SELECT kind, g, country, gender, CAST(to_char(first_on, 'YYYYMMDD') AS INTEGER) AS ymd FROM removed) f
     CROSS JOIN (SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) l
     GROUP BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (country, gender, lvl, bucket, kind, g) DO UPDATE SET n = trainee_person_counts.n + excluded.n;
    DELETE FROM trainee_course_countries cc
     USING (SELECT DISTINCT g, country FROM removed WHERE kind = 3) p
     WHERE cc.programme_id = p.g AND cc.country = p.country
       AND cc.first_on IS DISTINCT FROM (SELECT MIN(f.first_on) FROM trainee_firsts f
                                          WHERE f.kind = 3 AND f.g = p.g AND f.country = p.country);
    INSERT INTO trainee_course_countries (programme_id, country, first_on)
    SELECT p.g, p.country, p.m
      FROM (SELECT r.g, r.country, (SELECT MIN(f.first_on) FROM trainee_firsts f
                                     WHERE f.kind = 3 AND f.g = r.g AND f.country = r.country) AS m
              FROM (SELECT DISTINCT g, country FROM removed WHERE kind = 3) r) p
     WHERE p.m IS NOT NULL
        ON CONFLICT (programme_id, country) DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER trainee_stats_firsts_removed AFTER DELETE ON trainee_firsts
REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION trainee_stats_firsts_removed();
