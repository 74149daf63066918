-- Trainee counts by nationality and gender (issue 17 item 4), so that a
-- report narrowed to a country, a region or a gender is summed from kept
-- counts as the whole report is (migration 25), not counted from every
-- participation.
--
-- trainee_person_counts: how many of migration 25's firsts
-- (trainee_firsts) fall in each bucket (the same four levels: lvl 3 ten
-- fiscal years, 0 fiscal year, 1 month, 2 day), kept for every kind
-- (1 first in all, g = first fiscal year; 2 in a fiscal year, g = the
-- year; 3 in a course, g = the programme) with the person's nationality
-- AND gender, which trainee_counts drops for kinds 2 and 3. A person has
-- one nationality and one gender, so the people of a country, a region or
-- a gender are exactly the firsts with those values: a narrowed report
-- sums these rows. A course's countries under such a filter are the
-- countries whose kind 3 count for the course is not zero as of the date,
-- so no course-country table is needed here.
-- The key leads with country and gender: a narrowed report seeks to them.
-- Filters on the participation (fiscal year, course, office) are not
-- answered from these counts: a person's first in a course within one
-- fiscal year, or within one office, is not kept.
-- The same triggers' pause (trainee_stats_state) applies; the SQLite and
-- PostgreSQL files say the same.
CREATE TABLE trainee_person_counts (
    country TEXT NOT NULL,
    gender TEXT NOT NULL,
    lvl INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    g BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (country, gender, lvl, bucket, kind, g)
);

-- The counts of an existing store.
INSERT INTO trainee_person_counts (country, gender, lvl, bucket, kind, g, n)
SELECT f.country, f.gender, l.lvl,
       CASE l.lvl WHEN 0 THEN f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END
                  WHEN 1 THEN f.ymd / 100 WHEN 2 THEN f.ymd
                  ELSE (f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10 END,
       f.kind, f.g, COUNT(*)
  FROM (SELECT kind, g, country, gender, CAST(to_char(first_on, 'YYYYMMDD') AS INTEGER) AS ymd FROM trainee_firsts) f
 CROSS JOIN (SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) l
 GROUP BY 1, 2, 3, 4, 5, 6;

-- A first added or removed moves its four buckets' counts.
CREATE FUNCTION trainee_stats_person_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r trainee_firsts;
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
    INSERT INTO trainee_person_counts (country, gender, lvl, bucket, kind, g, n) VALUES
        (r.country, r.gender, 0, ymd / 10000 - CASE WHEN ymd / 100 % 100 < 4 THEN 1 ELSE 0 END, r.kind, r.g, delta),
        (r.country, r.gender, 1, ymd / 100, r.kind, r.g, delta),
        (r.country, r.gender, 2, ymd, r.kind, r.g, delta),
        (r.country, r.gender, 3, (ymd / 10000 - CASE WHEN ymd / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10, r.kind, r.g, delta)
        ON CONFLICT (country, gender, lvl, bucket, kind, g) DO UPDATE SET n = trainee_person_counts.n + excluded.n;
    RETURN NULL;
END $$;
CREATE TRIGGER trainee_stats_person_count AFTER INSERT OR DELETE ON trainee_firsts
FOR EACH ROW EXECUTE FUNCTION trainee_stats_person_count();
