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
    person_id INTEGER NOT NULL,
    fiscal_year INTEGER NOT NULL,
    programme_id INTEGER NOT NULL,
    country TEXT NOT NULL,
    first_on TEXT NOT NULL,
    PRIMARY KEY (person_id, fiscal_year, programme_id)
) WITHOUT ROWID;

CREATE TABLE trainee_course_year_counts (
    fiscal_year INTEGER NOT NULL,
    lvl INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    programme_id INTEGER NOT NULL,
    country TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (fiscal_year, lvl, bucket, programme_id, country)
) WITHOUT ROWID;

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
  FROM (SELECT fiscal_year, programme_id, country, CAST(replace(first_on, '-', '') AS INTEGER) AS ymd FROM trainee_course_year_firsts) f
 CROSS JOIN (SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2) l
 GROUP BY 1, 2, 3, 4, 5;

-- A first added or removed moves its three buckets' counts.
CREATE TRIGGER trainee_course_year_count_insert AFTER INSERT ON trainee_course_year_firsts
WHEN (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    INSERT INTO trainee_course_year_counts (fiscal_year, lvl, bucket, programme_id, country, n) VALUES
        (new.fiscal_year, 0, CAST(replace(new.first_on, '-', '') AS INTEGER) / 10000 - CASE WHEN CAST(replace(new.first_on, '-', '') AS INTEGER) / 100 % 100 < 4 THEN 1 ELSE 0 END, new.programme_id, new.country, 1),
        (new.fiscal_year, 1, CAST(replace(new.first_on, '-', '') AS INTEGER) / 100, new.programme_id, new.country, 1),
        (new.fiscal_year, 2, CAST(replace(new.first_on, '-', '') AS INTEGER), new.programme_id, new.country, 1)
        ON CONFLICT (fiscal_year, lvl, bucket, programme_id, country) DO UPDATE SET n = trainee_course_year_counts.n + excluded.n;
END;

-- A first added or removed moves its three buckets' counts.
CREATE TRIGGER trainee_course_year_count_delete AFTER DELETE ON trainee_course_year_firsts
WHEN (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    INSERT INTO trainee_course_year_counts (fiscal_year, lvl, bucket, programme_id, country, n) VALUES
        (old.fiscal_year, 0, CAST(replace(old.first_on, '-', '') AS INTEGER) / 10000 - CASE WHEN CAST(replace(old.first_on, '-', '') AS INTEGER) / 100 % 100 < 4 THEN 1 ELSE 0 END, old.programme_id, old.country, -1),
        (old.fiscal_year, 1, CAST(replace(old.first_on, '-', '') AS INTEGER) / 100, old.programme_id, old.country, -1),
        (old.fiscal_year, 2, CAST(replace(old.first_on, '-', '') AS INTEGER), old.programme_id, old.country, -1)
        ON CONFLICT (fiscal_year, lvl, bucket, programme_id, country) DO UPDATE SET n = trainee_course_year_counts.n + excluded.n;
END;

-- A person's firsts recounted on the writes that recount migration 25's
-- (migration 31's triggers, with the same conditions).
CREATE TRIGGER trainee_course_year_participation_insert AFTER INSERT ON participations
WHEN new.role = 'trainee' AND (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    DELETE FROM trainee_course_year_firsts
     WHERE person_id IN (new.person_id)
       AND (person_id, fiscal_year, programme_id, country, first_on) NOT IN (
    SELECT pa.person_id, e.fiscal_year, e.programme_id, pe.nationality, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (new.person_id) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.fiscal_year, e.programme_id, pe.nationality);
    INSERT INTO trainee_course_year_firsts (person_id, fiscal_year, programme_id, country, first_on)
    SELECT pa.person_id, e.fiscal_year, e.programme_id, pe.nationality, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (new.person_id) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.fiscal_year, e.programme_id, pe.nationality
    ON CONFLICT (person_id, fiscal_year, programme_id) DO NOTHING;
END;

CREATE TRIGGER trainee_course_year_participation_update AFTER UPDATE ON participations
WHEN (old.role = 'trainee' OR new.role = 'trainee')
 AND (old.person_id IS NOT new.person_id OR old.edition_id IS NOT new.edition_id
      OR old.role IS NOT new.role OR old.status IS NOT new.status)
 AND (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    DELETE FROM trainee_course_year_firsts
     WHERE person_id IN (old.person_id, new.person_id)
       AND (person_id, fiscal_year, programme_id, country, first_on) NOT IN (
    SELECT pa.person_id, e.fiscal_year, e.programme_id, pe.nationality, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (old.person_id, new.person_id) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.fiscal_year, e.programme_id, pe.nationality);
    INSERT INTO trainee_course_year_firsts (person_id, fiscal_year, programme_id, country, first_on)
    SELECT pa.person_id, e.fiscal_year, e.programme_id, pe.nationality, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (old.person_id, new.person_id) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.fiscal_year, e.programme_id, pe.nationality
    ON CONFLICT (person_id, fiscal_year, programme_id) DO NOTHING;
END;

CREATE TRIGGER trainee_course_year_participation_delete AFTER DELETE ON participations
WHEN old.role = 'trainee' AND (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    DELETE FROM trainee_course_year_firsts
     WHERE person_id IN (old.person_id)
       AND (person_id, fiscal_year, programme_id, country, first_on) NOT IN (
    SELECT pa.person_id, e.fiscal_year, e.programme_id, pe.nationality, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (old.person_id) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.fiscal_year, e.programme_id, pe.nationality);
    INSERT INTO trainee_course_year_firsts (person_id, fiscal_year, programme_id, country, first_on)
    SELECT pa.person_id, e.fiscal_year, e.programme_id, pe.nationality, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (old.person_id) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.fiscal_year, e.programme_id, pe.nationality
    ON CONFLICT (person_id, fiscal_year, programme_id) DO NOTHING;
END;

CREATE TRIGGER trainee_course_year_person_update AFTER UPDATE ON people
WHEN old.nationality IS NOT new.nationality AND (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    DELETE FROM trainee_course_year_firsts
     WHERE person_id IN (new.id)
       AND (person_id, fiscal_year, programme_id, country, first_on) NOT IN (
    SELECT pa.person_id, e.fiscal_year, e.programme_id, pe.nationality, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (new.id) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.fiscal_year, e.programme_id, pe.nationality);
    INSERT INTO trainee_course_year_firsts (person_id, fiscal_year, programme_id, country, first_on)
    SELECT pa.person_id, e.fiscal_year, e.programme_id, pe.nationality, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (new.id) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.fiscal_year, e.programme_id, pe.nationality
    ON CONFLICT (person_id, fiscal_year, programme_id) DO NOTHING;
END;

CREATE TRIGGER trainee_course_year_edition_update AFTER UPDATE ON editions
WHEN (old.starts_on IS NOT new.starts_on OR old.fiscal_year IS NOT new.fiscal_year
      OR old.programme_id IS NOT new.programme_id) AND (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    DELETE FROM trainee_course_year_firsts
     WHERE person_id IN (SELECT person_id FROM participations WHERE edition_id = new.id AND role = 'trainee')
       AND (person_id, fiscal_year, programme_id, country, first_on) NOT IN (
    SELECT pa.person_id, e.fiscal_year, e.programme_id, pe.nationality, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (SELECT person_id FROM participations WHERE edition_id = new.id AND role = 'trainee') AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.fiscal_year, e.programme_id, pe.nationality);
    INSERT INTO trainee_course_year_firsts (person_id, fiscal_year, programme_id, country, first_on)
    SELECT pa.person_id, e.fiscal_year, e.programme_id, pe.nationality, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (SELECT person_id FROM participations WHERE edition_id = new.id AND role = 'trainee') AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.fiscal_year, e.programme_id, pe.nationality
    ON CONFLICT (person_id, fiscal_year, programme_id) DO NOTHING;
END;
