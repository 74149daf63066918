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
-- The SQLite and PostgreSQL files say the same; here the triggers call
-- plpgsql functions, and a write that changes the counts takes a
-- transaction-level advisory lock first, so that two writers never wait
-- on each other's count rows in opposite orders.
CREATE TABLE trainee_stats_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    paused INTEGER NOT NULL
);
INSERT INTO trainee_stats_state (id, paused) VALUES (1, 0);

CREATE TABLE trainee_firsts (
    person_id BIGINT NOT NULL,
    kind INTEGER NOT NULL,
    g BIGINT NOT NULL,
    country TEXT NOT NULL,
    gender TEXT NOT NULL,
    first_on DATE NOT NULL,
    PRIMARY KEY (person_id, kind, g)
);
CREATE INDEX trainee_firsts_course_country ON trainee_firsts(g, country, first_on) WHERE kind = 3;

CREATE TABLE trainee_course_countries (
    programme_id BIGINT NOT NULL,
    country TEXT NOT NULL,
    first_on DATE NOT NULL,
    PRIMARY KEY (programme_id, country)
);

CREATE TABLE trainee_counts (
    lvl INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    g BIGINT NOT NULL,
    country TEXT NOT NULL,
    gender TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (lvl, bucket, kind, g, country, gender)
);

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
               CAST(to_char(first_on, 'YYYYMMDD') AS INTEGER) AS ymd
          FROM trainee_firsts
        UNION ALL
        SELECT 4, programme_id, '', '', CAST(to_char(first_on, 'YYYYMMDD') AS INTEGER) FROM trainee_course_countries) f
 CROSS JOIN (SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) l
 GROUP BY 1, 2, 3, 4, 5, 6;

-- Whether the triggers keep the counts (not while they are rebuilt).
CREATE FUNCTION trainee_stats_live() RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT paused = 0 FROM trainee_stats_state WHERE id = 1 $$;

-- Recount people: their firsts deleted and read again from their participations.
CREATE FUNCTION trainee_stats_refresh(ids BIGINT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF NOT trainee_stats_live() THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(7251017);
    DELETE FROM trainee_firsts WHERE person_id = ANY(ids);
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
 GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender;
END $$;

-- Move the counts of a first's four buckets by `delta`.
CREATE FUNCTION trainee_stats_count(d DATE, k INTEGER, grp BIGINT, c TEXT, gd TEXT, delta BIGINT) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    ymd INTEGER := CAST(to_char(d, 'YYYYMMDD') AS INTEGER);
BEGIN
    INSERT INTO trainee_counts (lvl, bucket, kind, g, country, gender, n) VALUES
        (0, ymd / 10000 - CASE WHEN ymd / 100 % 100 < 4 THEN 1 ELSE 0 END, k, grp, c, gd, delta),
        (1, ymd / 100, k, grp, c, gd, delta),
        (2, ymd, k, grp, c, gd, delta),
        (3, (ymd / 10000 - CASE WHEN ymd / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10, k, grp, c, gd, delta)
        ON CONFLICT (lvl, bucket, kind, g, country, gender) DO UPDATE SET n = trainee_counts.n + excluded.n;
END $$;

CREATE FUNCTION trainee_stats_participation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.role = 'trainee' THEN
            PERFORM trainee_stats_refresh(ARRAY[NEW.person_id]);
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        IF OLD.role = 'trainee' THEN
            PERFORM trainee_stats_refresh(ARRAY[OLD.person_id]);
        END IF;
    ELSIF (OLD.role = 'trainee' OR NEW.role = 'trainee')
      AND (OLD.person_id IS DISTINCT FROM NEW.person_id OR OLD.edition_id IS DISTINCT FROM NEW.edition_id
           OR OLD.role IS DISTINCT FROM NEW.role OR OLD.status IS DISTINCT FROM NEW.status) THEN
        PERFORM trainee_stats_refresh(ARRAY[OLD.person_id, NEW.person_id]);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER trainee_stats_participation AFTER INSERT OR UPDATE OR DELETE ON participations
FOR EACH ROW EXECUTE FUNCTION trainee_stats_participation();

CREATE FUNCTION trainee_stats_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.nationality IS DISTINCT FROM NEW.nationality OR OLD.gender IS DISTINCT FROM NEW.gender THEN
        PERFORM trainee_stats_refresh(ARRAY[NEW.id]);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER trainee_stats_person AFTER UPDATE ON people
FOR EACH ROW EXECUTE FUNCTION trainee_stats_person();

CREATE FUNCTION trainee_stats_edition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.starts_on IS DISTINCT FROM NEW.starts_on OR OLD.fiscal_year IS DISTINCT FROM NEW.fiscal_year
       OR OLD.programme_id IS DISTINCT FROM NEW.programme_id THEN
        PERFORM trainee_stats_refresh(ARRAY(SELECT person_id FROM participations
                                             WHERE edition_id = NEW.id AND role = 'trainee'));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER trainee_stats_edition AFTER UPDATE ON editions
FOR EACH ROW EXECUTE FUNCTION trainee_stats_edition();

-- A first added or removed moves the counts of its four buckets, and a
-- course's first day for a country.
CREATE FUNCTION trainee_stats_first() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    m DATE;
BEGIN
    IF NOT trainee_stats_live() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM trainee_stats_count(NEW.first_on, NEW.kind, NEW.g,
            CASE WHEN NEW.kind = 3 THEN '' ELSE NEW.country END,
            CASE WHEN NEW.kind = 1 THEN NEW.gender ELSE '' END, 1);
        IF NEW.kind = 3 THEN
            DELETE FROM trainee_course_countries
             WHERE programme_id = NEW.g AND country = NEW.country AND first_on > NEW.first_on;
            INSERT INTO trainee_course_countries (programme_id, country, first_on)
            VALUES (NEW.g, NEW.country, NEW.first_on) ON CONFLICT (programme_id, country) DO NOTHING;
        END IF;
    ELSE
        PERFORM trainee_stats_count(OLD.first_on, OLD.kind, OLD.g,
            CASE WHEN OLD.kind = 3 THEN '' ELSE OLD.country END,
            CASE WHEN OLD.kind = 1 THEN OLD.gender ELSE '' END, -1);
        IF OLD.kind = 3 THEN
            SELECT MIN(first_on) INTO m FROM trainee_firsts
             WHERE kind = 3 AND g = OLD.g AND country = OLD.country;
            DELETE FROM trainee_course_countries
             WHERE programme_id = OLD.g AND country = OLD.country AND first_on IS DISTINCT FROM m;
            IF m IS NOT NULL THEN
                INSERT INTO trainee_course_countries (programme_id, country, first_on)
                VALUES (OLD.g, OLD.country, m) ON CONFLICT (programme_id, country) DO NOTHING;
            END IF;
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER trainee_stats_first AFTER INSERT OR DELETE ON trainee_firsts
FOR EACH ROW EXECUTE FUNCTION trainee_stats_first();

CREATE FUNCTION trainee_stats_course_country() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT trainee_stats_live() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM trainee_stats_count(NEW.first_on, 4, NEW.programme_id, '', '', 1);
    ELSE
        PERFORM trainee_stats_count(OLD.first_on, 4, OLD.programme_id, '', '', -1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER trainee_stats_course_country AFTER INSERT OR DELETE ON trainee_course_countries
FOR EACH ROW EXECUTE FUNCTION trainee_stats_course_country();
