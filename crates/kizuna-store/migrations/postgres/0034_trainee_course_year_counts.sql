-- Trainee counts for a report narrowed to a fiscal year (issue 17 item 4),
-- so that it is summed from kept counts as the whole report is (migration
-- 25), not counted from that year's participations (about half a second
-- at 10,000,000 participations on PostgreSQL).
--
-- Such a report needs, as of a date, the people of the year by country
-- and gender, and each course's people and countries within the year.
-- The first are migration 27's person counts of kind 2 (g = the year),
-- reached by their own index here. The second need a day no count kept:
-- each person's first day in a course within one fiscal year.
--
-- trainee_course_year_firsts: for each counted person, course (programme)
-- and fiscal year, the day they were first counted there, with their
-- nationality; kept by the same recount as migration 25's firsts (on
-- SQLite its own triggers beside those, on PostgreSQL the same function).
-- trainee_course_year_counts: how many of those firsts fall in each
-- bucket, by year, course and country, at three levels (lvl 0 fiscal
-- year, 1 month, 2 day, as in migration 25; a report's year is fixed, so
-- no decades). A course's people as of a date are the sum over its
-- countries; its countries those whose sum is not zero.
-- Gender is not kept here: a report narrowed to a fiscal year and a
-- gender is counted from the participations.
-- The same pause (trainee_stats_state, and on PostgreSQL the
-- transaction's `kizuna.trainee_stats`) applies; the SQLite and
-- PostgreSQL files say the same.

CREATE TABLE trainee_course_year_firsts (
    person_id BIGINT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    programme_id BIGINT NOT NULL,
    country TEXT NOT NULL,
    first_on DATE NOT NULL,
    PRIMARY KEY (person_id, fiscal_year, programme_id)
);

CREATE TABLE trainee_course_year_counts (
    fiscal_year INTEGER NOT NULL,
    lvl INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    programme_id BIGINT NOT NULL,
    country TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (fiscal_year, lvl, bucket, programme_id, country)
);

-- The year's people by country and gender: migration 27's kind 2 rows of
-- one year, without reading every other year's.
CREATE INDEX trainee_person_counts_fiscal_year ON trainee_person_counts (g, lvl, bucket, country, gender, n)
WHERE kind = 2;

-- The counts of an existing store.
INSERT INTO trainee_course_year_firsts (person_id, fiscal_year, programme_id, country, first_on)
SELECT pa.person_id, e.fiscal_year, e.programme_id, pe.nationality, MIN(e.starts_on)
  FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
 WHERE pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
 GROUP BY pa.person_id, e.fiscal_year, e.programme_id, pe.nationality;
INSERT INTO trainee_course_year_counts (fiscal_year, lvl, bucket, programme_id, country, n)
SELECT f.fiscal_year, l.lvl,
       CASE l.lvl WHEN 0 THEN f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END
                  WHEN 1 THEN f.ymd / 100 ELSE f.ymd END,
       f.programme_id, f.country, COUNT(*)
  FROM (SELECT fiscal_year, programme_id, country, CAST(to_char(first_on, 'YYYYMMDD') AS INTEGER) AS ymd FROM trainee_course_year_firsts) f
 CROSS JOIN (SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2) l
 GROUP BY 1, 2, 3, 4, 5;

-- A first added or removed moves its three buckets' counts.
CREATE FUNCTION trainee_course_year_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r trainee_course_year_firsts;
    delta BIGINT;
    ymd INTEGER;
BEGIN
    IF NOT trainee_stats_live() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        r := NEW;
        delta := 1;
    ELSE
        r := OLD;
        delta := -1;
    END IF;
    ymd := CAST(to_char(r.first_on, 'YYYYMMDD') AS INTEGER);
    INSERT INTO trainee_course_year_counts (fiscal_year, lvl, bucket, programme_id, country, n) VALUES
        (r.fiscal_year, 0, ymd / 10000 - CASE WHEN ymd / 100 % 100 < 4 THEN 1 ELSE 0 END, r.programme_id, r.country, delta),
        (r.fiscal_year, 1, ymd / 100, r.programme_id, r.country, delta),
        (r.fiscal_year, 2, ymd, r.programme_id, r.country, delta)
        ON CONFLICT (fiscal_year, lvl, bucket, programme_id, country) DO UPDATE SET n = trainee_course_year_counts.n + excluded.n;
    RETURN NULL;
END $$;
CREATE TRIGGER trainee_course_year_count AFTER INSERT OR DELETE ON trainee_course_year_firsts
FOR EACH ROW WHEN (current_setting('kizuna.trainee_stats', true) IS DISTINCT FROM 'paused')
EXECUTE FUNCTION trainee_course_year_count();

-- A recount (migration 31's function) recounts these firsts too.
CREATE OR REPLACE FUNCTION trainee_stats_refresh(ids BIGINT[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    IF NOT trainee_stats_live() THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(7251017);
    DELETE FROM trainee_firsts
     WHERE person_id = ANY(ids)
       AND (person_id, kind, g, country, gender, first_on) NOT IN (
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
     GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender);
    INSERT INTO trainee_firsts (person_id, kind, g, country, gender, first_on)
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
    ON CONFLICT (person_id, kind, g) DO NOTHING;
    DELETE FROM trainee_course_year_firsts
     WHERE person_id = ANY(ids)
       AND (person_id, fiscal_year, programme_id, country, first_on) NOT IN (
    SELECT pa.person_id, e.fiscal_year, e.programme_id, pe.nationality, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id = ANY(ids) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.fiscal_year, e.programme_id, pe.nationality);
    INSERT INTO trainee_course_year_firsts (person_id, fiscal_year, programme_id, country, first_on)
    SELECT pa.person_id, e.fiscal_year, e.programme_id, pe.nationality, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id = ANY(ids) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.fiscal_year, e.programme_id, pe.nationality
    ON CONFLICT (person_id, fiscal_year, programme_id) DO NOTHING;
END $$;
