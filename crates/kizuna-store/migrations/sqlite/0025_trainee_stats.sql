-- Trainee statistics kept as counts (issue 17 item 4), so that a report as
-- of any date sums a few thousand rows instead of reading every
-- participation. Derived data only: the database's own triggers keep it
-- right on every write to participations, people and editions, whatever
-- path the write takes, and `Store::rebuild_trainee_stats` makes it anew.
--
-- What counts is the rule of kizuna-domain's training/stats.rs: a trainee
-- participation ('trainee') in a counted status ('accepted', 'arrived',
-- 'completed') in an edition started on or before the date. The lists here
-- must stay those of `ParticipationRole::Trainee` and
-- `ParticipationStatus::COUNTED` (a store test compares the two).
--
-- trainee_firsts: for each counted person, the day they were first
-- counted, in all (kind 1; g = their first fiscal year), in each fiscal
-- year (kind 2; g = the year) and in each course (kind 3; g = the
-- programme), with their nationality and gender.
-- trainee_course_countries: the day each country first had a trainee in
-- each course.
-- trainee_counts: how many of those firsts fall in each bucket, at four
-- levels: ten fiscal years (lvl 3, bucket 200 for FY2000-2009), fiscal
-- year (lvl 0, bucket 2007), month (lvl 1, 200804) and day (lvl 2,
-- 20080415); kind 4 counts a course's countries. A report as of D sums the
-- decades before D's, the years of D's decade before D's fiscal year, the
-- months of that year before D's month, and D's month's days up to D:
-- distinct people, exactly, from a few thousand rows.
-- trainee_stats_state.paused = 1 while the counts are being rebuilt (or a
-- benchmark loads data): the triggers then do nothing and reports are
-- computed from the participations.
-- The SQLite and PostgreSQL files say the same.
CREATE TABLE trainee_stats_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    paused INTEGER NOT NULL
);
INSERT INTO trainee_stats_state (id, paused) VALUES (1, 0);

CREATE TABLE trainee_firsts (
    person_id INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    g INTEGER NOT NULL,
    country TEXT NOT NULL,
    gender TEXT NOT NULL,
    first_on TEXT NOT NULL,
    PRIMARY KEY (person_id, kind, g)
) WITHOUT ROWID;
CREATE INDEX trainee_firsts_course_country ON trainee_firsts(g, country, first_on) WHERE kind = 3;

CREATE TABLE trainee_course_countries (
    programme_id INTEGER NOT NULL,
    country TEXT NOT NULL,
    first_on TEXT NOT NULL,
    PRIMARY KEY (programme_id, country)
) WITHOUT ROWID;

CREATE TABLE trainee_counts (
    lvl INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    g INTEGER NOT NULL,
    country TEXT NOT NULL,
    gender TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (lvl, bucket, kind, g, country, gender)
) WITHOUT ROWID;

-- The counts of an existing store.
INSERT INTO trainee_firsts (person_id, kind, g, country, gender, first_on)
SELECT pa.person_id, 1, MIN(e.fiscal_year), pe.nationality, pe.gender, MIN(e.starts_on)
  FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
 WHERE pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
 GROUP BY pa.person_id, pe.nationality, pe.gender
UNION ALL
SELECT pa.person_id, 2, e.fiscal_year, pe.nationality, pe.gender, MIN(e.starts_on)
  FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
 WHERE pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
 GROUP BY pa.person_id, e.fiscal_year, pe.nationality, pe.gender
UNION ALL
SELECT pa.person_id, 3, e.programme_id, pe.nationality, pe.gender, MIN(e.starts_on)
  FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
 WHERE pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
 GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender;

INSERT INTO trainee_course_countries (programme_id, country, first_on)
SELECT g, country, MIN(first_on) FROM trainee_firsts WHERE kind = 3 GROUP BY g, country;

INSERT INTO trainee_counts (lvl, bucket, kind, g, country, gender, n)
SELECT l.lvl,
       CASE l.lvl WHEN 0 THEN f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END
                  WHEN 1 THEN f.ymd / 100 WHEN 2 THEN f.ymd
                  ELSE (f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10 END,
       f.kind, f.g, f.country, f.gender, COUNT(*)
  FROM (SELECT kind, g,
               CASE WHEN kind = 3 THEN '' ELSE country END AS country,
               CASE WHEN kind = 1 THEN gender ELSE '' END AS gender,
               CAST(replace(first_on, '-', '') AS INTEGER) AS ymd
          FROM trainee_firsts
        UNION ALL
        SELECT 4, programme_id, '', '', CAST(replace(first_on, '-', '') AS INTEGER) FROM trainee_course_countries) f
 CROSS JOIN (SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) l
 GROUP BY 1, 2, 3, 4, 5, 6;

-- A write to participations, people or editions recounts the people it
-- touches: their firsts deleted and read again from their participations.
CREATE TRIGGER trainee_stats_participation_insert AFTER INSERT ON participations
WHEN new.role = 'trainee' AND (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    DELETE FROM trainee_firsts WHERE person_id IN (new.person_id);
    INSERT INTO trainee_firsts (person_id, kind, g, country, gender, first_on)
    SELECT pa.person_id, 1, MIN(e.fiscal_year), pe.nationality, pe.gender, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (new.person_id) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, pe.nationality, pe.gender
    UNION ALL
    SELECT pa.person_id, 2, e.fiscal_year, pe.nationality, pe.gender, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (new.person_id) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.fiscal_year, pe.nationality, pe.gender
    UNION ALL
    SELECT pa.person_id, 3, e.programme_id, pe.nationality, pe.gender, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (new.person_id) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender;
END;

CREATE TRIGGER trainee_stats_participation_update AFTER UPDATE ON participations
WHEN (old.role = 'trainee' OR new.role = 'trainee')
 AND (old.person_id IS NOT new.person_id OR old.edition_id IS NOT new.edition_id
      OR old.role IS NOT new.role OR old.status IS NOT new.status)
 AND (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    DELETE FROM trainee_firsts WHERE person_id IN (old.person_id, new.person_id);
    INSERT INTO trainee_firsts (person_id, kind, g, country, gender, first_on)
    SELECT pa.person_id, 1, MIN(e.fiscal_year), pe.nationality, pe.gender, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (old.person_id, new.person_id) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, pe.nationality, pe.gender
    UNION ALL
    SELECT pa.person_id, 2, e.fiscal_year, pe.nationality, pe.gender, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (old.person_id, new.person_id) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.fiscal_year, pe.nationality, pe.gender
    UNION ALL
    SELECT pa.person_id, 3, e.programme_id, pe.nationality, pe.gender, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (old.person_id, new.person_id) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender;
END;

CREATE TRIGGER trainee_stats_participation_delete AFTER DELETE ON participations
WHEN old.role = 'trainee' AND (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    DELETE FROM trainee_firsts WHERE person_id IN (old.person_id);
    INSERT INTO trainee_firsts (person_id, kind, g, country, gender, first_on)
    SELECT pa.person_id, 1, MIN(e.fiscal_year), pe.nationality, pe.gender, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (old.person_id) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, pe.nationality, pe.gender
    UNION ALL
    SELECT pa.person_id, 2, e.fiscal_year, pe.nationality, pe.gender, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (old.person_id) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.fiscal_year, pe.nationality, pe.gender
    UNION ALL
    SELECT pa.person_id, 3, e.programme_id, pe.nationality, pe.gender, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (old.person_id) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender;
END;

CREATE TRIGGER trainee_stats_person_update AFTER UPDATE ON people
WHEN (old.nationality IS NOT new.nationality OR old.gender IS NOT new.gender) AND (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    DELETE FROM trainee_firsts WHERE person_id IN (new.id);
    INSERT INTO trainee_firsts (person_id, kind, g, country, gender, first_on)
    SELECT pa.person_id, 1, MIN(e.fiscal_year), pe.nationality, pe.gender, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (new.id) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, pe.nationality, pe.gender
    UNION ALL
    SELECT pa.person_id, 2, e.fiscal_year, pe.nationality, pe.gender, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (new.id) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.fiscal_year, pe.nationality, pe.gender
    UNION ALL
    SELECT pa.person_id, 3, e.programme_id, pe.nationality, pe.gender, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (new.id) AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender;
END;

CREATE TRIGGER trainee_stats_edition_update AFTER UPDATE ON editions
WHEN (old.starts_on IS NOT new.starts_on OR old.fiscal_year IS NOT new.fiscal_year
      OR old.programme_id IS NOT new.programme_id) AND (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    DELETE FROM trainee_firsts WHERE person_id IN (SELECT person_id FROM participations WHERE edition_id = new.id AND role = 'trainee');
    INSERT INTO trainee_firsts (person_id, kind, g, country, gender, first_on)
    SELECT pa.person_id, 1, MIN(e.fiscal_year), pe.nationality, pe.gender, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (SELECT person_id FROM participations WHERE edition_id = new.id AND role = 'trainee') AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, pe.nationality, pe.gender
    UNION ALL
    SELECT pa.person_id, 2, e.fiscal_year, pe.nationality, pe.gender, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (SELECT person_id FROM participations WHERE edition_id = new.id AND role = 'trainee') AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.fiscal_year, pe.nationality, pe.gender
    UNION ALL
    SELECT pa.person_id, 3, e.programme_id, pe.nationality, pe.gender, MIN(e.starts_on)
      FROM participations pa JOIN editions e ON e.id = pa.edition_id JOIN people pe ON pe.id = pa.person_id
     WHERE pa.person_id IN (SELECT person_id FROM participations WHERE edition_id = new.id AND role = 'trainee') AND pa.role = 'trainee' AND pa.status IN ('accepted', 'arrived', 'completed')
     GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender;
END;

-- A first added or removed moves the counts of its four buckets, and a
-- course's first day for a country.
CREATE TRIGGER trainee_stats_first_insert AFTER INSERT ON trainee_firsts
WHEN (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    INSERT INTO trainee_counts (lvl, bucket, kind, g, country, gender, n) VALUES
        (0, CAST(replace(new.first_on, '-', '') AS INTEGER) / 10000 - CASE WHEN CAST(replace(new.first_on, '-', '') AS INTEGER) / 100 % 100 < 4 THEN 1 ELSE 0 END, new.kind, new.g, CASE WHEN new.kind = 3 THEN '' ELSE new.country END, CASE WHEN new.kind = 1 THEN new.gender ELSE '' END, 1),
        (1, CAST(replace(new.first_on, '-', '') AS INTEGER) / 100, new.kind, new.g, CASE WHEN new.kind = 3 THEN '' ELSE new.country END, CASE WHEN new.kind = 1 THEN new.gender ELSE '' END, 1),
        (2, CAST(replace(new.first_on, '-', '') AS INTEGER), new.kind, new.g, CASE WHEN new.kind = 3 THEN '' ELSE new.country END, CASE WHEN new.kind = 1 THEN new.gender ELSE '' END, 1),
        (3, (CAST(replace(new.first_on, '-', '') AS INTEGER) / 10000 - CASE WHEN CAST(replace(new.first_on, '-', '') AS INTEGER) / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10, new.kind, new.g, CASE WHEN new.kind = 3 THEN '' ELSE new.country END, CASE WHEN new.kind = 1 THEN new.gender ELSE '' END, 1)
        ON CONFLICT (lvl, bucket, kind, g, country, gender) DO UPDATE SET n = trainee_counts.n + excluded.n;
    DELETE FROM trainee_course_countries
     WHERE new.kind = 3 AND programme_id = new.g AND country = new.country AND first_on > new.first_on;
    INSERT INTO trainee_course_countries (programme_id, country, first_on)
    SELECT new.g, new.country, new.first_on
     WHERE new.kind = 3
       AND NOT EXISTS (SELECT 1 FROM trainee_course_countries WHERE programme_id = new.g AND country = new.country);
END;

CREATE TRIGGER trainee_stats_first_delete AFTER DELETE ON trainee_firsts
WHEN (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    INSERT INTO trainee_counts (lvl, bucket, kind, g, country, gender, n) VALUES
        (0, CAST(replace(old.first_on, '-', '') AS INTEGER) / 10000 - CASE WHEN CAST(replace(old.first_on, '-', '') AS INTEGER) / 100 % 100 < 4 THEN 1 ELSE 0 END, old.kind, old.g, CASE WHEN old.kind = 3 THEN '' ELSE old.country END, CASE WHEN old.kind = 1 THEN old.gender ELSE '' END, -1),
        (1, CAST(replace(old.first_on, '-', '') AS INTEGER) / 100, old.kind, old.g, CASE WHEN old.kind = 3 THEN '' ELSE old.country END, CASE WHEN old.kind = 1 THEN old.gender ELSE '' END, -1),
        (2, CAST(replace(old.first_on, '-', '') AS INTEGER), old.kind, old.g, CASE WHEN old.kind = 3 THEN '' ELSE old.country END, CASE WHEN old.kind = 1 THEN old.gender ELSE '' END, -1),
        (3, (CAST(replace(old.first_on, '-', '') AS INTEGER) / 10000 - CASE WHEN CAST(replace(old.first_on, '-', '') AS INTEGER) / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10, old.kind, old.g, CASE WHEN old.kind = 3 THEN '' ELSE old.country END, CASE WHEN old.kind = 1 THEN old.gender ELSE '' END, -1)
        ON CONFLICT (lvl, bucket, kind, g, country, gender) DO UPDATE SET n = trainee_counts.n + excluded.n;
    DELETE FROM trainee_course_countries
     WHERE old.kind = 3 AND programme_id = old.g AND country = old.country AND first_on = old.first_on
       AND NOT EXISTS (SELECT 1 FROM trainee_firsts
                        WHERE kind = 3 AND g = old.g AND country = old.country AND first_on = old.first_on);
    INSERT INTO trainee_course_countries (programme_id, country, first_on)
    SELECT old.g, old.country, m
      FROM (SELECT MIN(first_on) AS m FROM trainee_firsts WHERE kind = 3 AND g = old.g AND country = old.country)
     WHERE old.kind = 3 AND m IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM trainee_course_countries WHERE programme_id = old.g AND country = old.country);
END;

CREATE TRIGGER trainee_stats_course_country_insert AFTER INSERT ON trainee_course_countries
WHEN (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    INSERT INTO trainee_counts (lvl, bucket, kind, g, country, gender, n) VALUES
        (0, CAST(replace(new.first_on, '-', '') AS INTEGER) / 10000 - CASE WHEN CAST(replace(new.first_on, '-', '') AS INTEGER) / 100 % 100 < 4 THEN 1 ELSE 0 END, 4, new.programme_id, '', '', 1),
        (1, CAST(replace(new.first_on, '-', '') AS INTEGER) / 100, 4, new.programme_id, '', '', 1),
        (2, CAST(replace(new.first_on, '-', '') AS INTEGER), 4, new.programme_id, '', '', 1),
        (3, (CAST(replace(new.first_on, '-', '') AS INTEGER) / 10000 - CASE WHEN CAST(replace(new.first_on, '-', '') AS INTEGER) / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10, 4, new.programme_id, '', '', 1)
        ON CONFLICT (lvl, bucket, kind, g, country, gender) DO UPDATE SET n = trainee_counts.n + excluded.n;
END;

CREATE TRIGGER trainee_stats_course_country_delete AFTER DELETE ON trainee_course_countries
WHEN (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    INSERT INTO trainee_counts (lvl, bucket, kind, g, country, gender, n) VALUES
        (0, CAST(replace(old.first_on, '-', '') AS INTEGER) / 10000 - CASE WHEN CAST(replace(old.first_on, '-', '') AS INTEGER) / 100 % 100 < 4 THEN 1 ELSE 0 END, 4, old.programme_id, '', '', -1),
        (1, CAST(replace(old.first_on, '-', '') AS INTEGER) / 100, 4, old.programme_id, '', '', -1),
        (2, CAST(replace(old.first_on, '-', '') AS INTEGER), 4, old.programme_id, '', '', -1),
        (3, (CAST(replace(old.first_on, '-', '') AS INTEGER) / 10000 - CASE WHEN CAST(replace(old.first_on, '-', '') AS INTEGER) / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10, 4, old.programme_id, '', '', -1)
        ON CONFLICT (lvl, bucket, kind, g, country, gender) DO UPDATE SET n = trainee_counts.n + excluded.n;
END;
