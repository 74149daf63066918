-- Trainee counts by region and gender for what a course counts (issue 17
-- item 4): a report narrowed to a region and/or a gender sums a few
-- thousand rows, as the whole report does (migration 25), where it summed
-- migration 27's person counts for every course and country (0.8 s for a
-- region and 2.5 s for a gender at ten million participations).
--
-- trainee_regions: each country's region, as kizuna-domain's
-- countries.tsv says (a store test compares the two).
-- trainee_course_country_genders: the day each course first had a trainee
-- of each country and gender (trainee_course_countries without the
-- gender is the same for all genders at once).
-- trainee_slice_counts: how many firsts fall in each bucket (the four
-- levels of migration 25) for a slice of the trainees: a region with any
-- gender (gender ''), a gender with any region (region ''), or both.
-- Kind 3 counts the people of a course (trainee_firsts' kind 3, whose
-- nationality and gender say which slices they are in); kind 4 the
-- countries of a course: for a region alone from
-- trainee_course_countries, for a gender from
-- trainee_course_country_genders.
-- A narrowed report reads its courses from here and its years (kinds 1
-- and 2, kept by country) from trainee_person_counts through a partial
-- index of those kinds only: the person counts' own key reached every
-- course's rows on the way to them.
-- The same pause applies (trainee_stats_state, and on PostgreSQL the
-- transaction's kizuna.trainee_stats setting); the SQLite and PostgreSQL
-- files say the same.
CREATE TABLE trainee_regions (
    country TEXT NOT NULL PRIMARY KEY,
    region TEXT NOT NULL
);
INSERT INTO trainee_regions (country, region) VALUES
    ('AD', 'europe'),
    ('AE', 'middle_east'),
    ('AF', 'asia'),
    ('AG', 'latin_america'),
    ('AI', 'latin_america'),
    ('AL', 'europe'),
    ('AM', 'asia'),
    ('AO', 'africa'),
    ('AQ', 'oceania'),
    ('AR', 'latin_america'),
    ('AS', 'oceania'),
    ('AT', 'europe'),
    ('AU', 'oceania'),
    ('AW', 'latin_america'),
    ('AX', 'europe'),
    ('AZ', 'asia'),
    ('BA', 'europe'),
    ('BB', 'latin_america'),
    ('BD', 'asia'),
    ('BE', 'europe'),
    ('BF', 'africa'),
    ('BG', 'europe'),
    ('BH', 'middle_east'),
    ('BI', 'africa'),
    ('BJ', 'africa'),
    ('BL', 'latin_america'),
    ('BM', 'north_america'),
    ('BN', 'asia'),
    ('BO', 'latin_america'),
    ('BQ', 'latin_america'),
    ('BR', 'latin_america'),
    ('BS', 'latin_america'),
    ('BT', 'asia'),
    ('BV', 'latin_america'),
    ('BW', 'africa'),
    ('BY', 'europe'),
    ('BZ', 'latin_america'),
    ('CA', 'north_america'),
    ('CC', 'oceania'),
    ('CD', 'africa'),
    ('CF', 'africa'),
    ('CG', 'africa'),
    ('CH', 'europe'),
    ('CI', 'africa'),
    ('CK', 'oceania'),
    ('CL', 'latin_america'),
    ('CM', 'africa'),
    ('CN', 'asia'),
    ('CO', 'latin_america'),
    ('CR', 'latin_america'),
    ('CU', 'latin_america'),
    ('CV', 'africa'),
    ('CW', 'latin_america'),
    ('CX', 'oceania'),
    ('CY', 'europe'),
    ('CZ', 'europe'),
    ('DE', 'europe'),
    ('DJ', 'africa'),
    ('DK', 'europe'),
    ('DM', 'latin_america'),
    ('DO', 'latin_america'),
    ('DZ', 'africa'),
    ('EC', 'latin_america'),
    ('EE', 'europe'),
    ('EG', 'africa'),
    ('EH', 'africa'),
    ('ER', 'africa'),
    ('ES', 'europe'),
    ('ET', 'africa'),
    ('FI', 'europe'),
    ('FJ', 'oceania'),
    ('FK', 'latin_america'),
    ('FM', 'oceania'),
    ('FO', 'europe'),
    ('FR', 'europe'),
    ('GA', 'africa'),
    ('GB', 'europe'),
    ('GD', 'latin_america'),
    ('GE', 'asia'),
    ('GF', 'latin_america'),
    ('GG', 'europe'),
    ('GH', 'africa'),
    ('GI', 'europe'),
    ('GL', 'north_america'),
    ('GM', 'africa'),
    ('GN', 'africa'),
    ('GP', 'latin_america'),
    ('GQ', 'africa'),
    ('GR', 'europe'),
    ('GS', 'latin_america'),
    ('GT', 'latin_america'),
    ('GU', 'oceania'),
    ('GW', 'africa'),
    ('GY', 'latin_america'),
    ('HK', 'asia'),
    ('HM', 'oceania'),
    ('HN', 'latin_america'),
    ('HR', 'europe'),
    ('HT', 'latin_america'),
    ('HU', 'europe'),
    ('ID', 'asia'),
    ('IE', 'europe'),
    ('IL', 'middle_east'),
    ('IM', 'europe'),
    ('IN', 'asia'),
    ('IO', 'africa'),
    ('IQ', 'middle_east'),
    ('IR', 'middle_east'),
    ('IS', 'europe'),
    ('IT', 'europe'),
    ('JE', 'europe'),
    ('JM', 'latin_america'),
    ('JO', 'middle_east'),
    ('JP', 'asia'),
    ('KE', 'africa'),
    ('KG', 'asia'),
    ('KH', 'asia'),
    ('KI', 'oceania'),
    ('KM', 'africa'),
    ('KN', 'latin_america'),
    ('KP', 'asia'),
    ('KR', 'asia'),
    ('KW', 'middle_east'),
    ('KY', 'latin_america'),
    ('KZ', 'asia'),
    ('LA', 'asia'),
    ('LB', 'middle_east'),
    ('LC', 'latin_america'),
    ('LI', 'europe'),
    ('LK', 'asia'),
    ('LR', 'africa'),
    ('LS', 'africa'),
    ('LT', 'europe'),
    ('LU', 'europe'),
    ('LV', 'europe'),
    ('LY', 'africa'),
    ('MA', 'africa'),
    ('MC', 'europe'),
    ('MD', 'europe'),
    ('ME', 'europe'),
    ('MF', 'latin_america'),
    ('MG', 'africa'),
    ('MH', 'oceania'),
    ('MK', 'europe'),
    ('ML', 'africa'),
    ('MM', 'asia'),
    ('MN', 'asia'),
    ('MO', 'asia'),
    ('MP', 'oceania'),
    ('MQ', 'latin_america'),
    ('MR', 'africa'),
    ('MS', 'latin_america'),
    ('MT', 'europe'),
    ('MU', 'africa'),
    ('MV', 'asia'),
    ('MW', 'africa'),
    ('MX', 'latin_america'),
    ('MY', 'asia'),
    ('MZ', 'africa'),
    ('NA', 'africa'),
    ('NC', 'oceania'),
    ('NE', 'africa'),
    ('NF', 'oceania'),
    ('NG', 'africa'),
    ('NI', 'latin_america'),
    ('NL', 'europe'),
    ('NO', 'europe'),
    ('NP', 'asia'),
    ('NR', 'oceania'),
    ('NU', 'oceania'),
    ('NZ', 'oceania'),
    ('OM', 'middle_east'),
    ('PA', 'latin_america'),
    ('PE', 'latin_america'),
    ('PF', 'oceania'),
    ('PG', 'oceania'),
    ('PH', 'asia'),
    ('PK', 'asia'),
    ('PL', 'europe'),
    ('PM', 'north_america'),
    ('PN', 'oceania'),
    ('PR', 'latin_america'),
    ('PS', 'middle_east'),
    ('PT', 'europe'),
    ('PW', 'oceania'),
    ('PY', 'latin_america'),
    ('QA', 'middle_east'),
    ('RE', 'africa'),
    ('RO', 'europe'),
    ('RS', 'europe'),
    ('RU', 'europe'),
    ('RW', 'africa'),
    ('SA', 'middle_east'),
    ('SB', 'oceania'),
    ('SC', 'africa'),
    ('SD', 'africa'),
    ('SE', 'europe'),
    ('SG', 'asia'),
    ('SH', 'africa'),
    ('SI', 'europe'),
    ('SJ', 'europe'),
    ('SK', 'europe'),
    ('SL', 'africa'),
    ('SM', 'europe'),
    ('SN', 'africa'),
    ('SO', 'africa'),
    ('SR', 'latin_america'),
    ('SS', 'africa'),
    ('ST', 'africa'),
    ('SV', 'latin_america'),
    ('SX', 'latin_america'),
    ('SY', 'middle_east'),
    ('SZ', 'africa'),
    ('TC', 'latin_america'),
    ('TD', 'africa'),
    ('TF', 'oceania'),
    ('TG', 'africa'),
    ('TH', 'asia'),
    ('TJ', 'asia'),
    ('TK', 'oceania'),
    ('TL', 'asia'),
    ('TM', 'asia'),
    ('TN', 'africa'),
    ('TO', 'oceania'),
    ('TR', 'middle_east'),
    ('TT', 'latin_america'),
    ('TV', 'oceania'),
    ('TW', 'asia'),
    ('TZ', 'africa'),
    ('UA', 'europe'),
    ('UG', 'africa'),
    ('UM', 'oceania'),
    ('US', 'north_america'),
    ('UY', 'latin_america'),
    ('UZ', 'asia'),
    ('VA', 'europe'),
    ('VC', 'latin_america'),
    ('VE', 'latin_america'),
    ('VG', 'latin_america'),
    ('VI', 'latin_america'),
    ('VN', 'asia'),
    ('VU', 'oceania'),
    ('WF', 'oceania'),
    ('WS', 'oceania'),
    ('YE', 'middle_east'),
    ('YT', 'africa'),
    ('ZA', 'africa'),
    ('ZM', 'africa'),
    ('ZW', 'africa');

CREATE TABLE trainee_course_country_genders (
    programme_id BIGINT NOT NULL,
    country TEXT NOT NULL,
    gender TEXT NOT NULL,
    first_on DATE NOT NULL,
    PRIMARY KEY (programme_id, country, gender)
);

CREATE TABLE trainee_slice_counts (
    region TEXT NOT NULL,
    gender TEXT NOT NULL,
    lvl INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    g BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (region, gender, lvl, bucket, kind, g)
);

CREATE INDEX trainee_person_counts_years ON trainee_person_counts (gender, lvl, bucket, kind, g, country, n)
WHERE kind IN (1, 2);

-- The counts of an existing store.
INSERT INTO trainee_course_country_genders (programme_id, country, gender, first_on)
SELECT g, country, gender, MIN(first_on) FROM trainee_firsts WHERE kind = 3 GROUP BY g, country, gender;

INSERT INTO trainee_slice_counts (region, gender, lvl, bucket, kind, g, n)
SELECT f.region, f.gender, l.lvl,
       CASE l.lvl WHEN 0 THEN f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END
                  WHEN 1 THEN f.ymd / 100 WHEN 2 THEN f.ymd
                  ELSE (f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10 END,
       f.kind, f.g, SUM(f.d)
  FROM (SELECT CASE x.s WHEN 1 THEN '' ELSE reg.region END AS region,
               CASE x.s WHEN 0 THEN '' ELSE u.gender END AS gender, u.kind, u.g, u.ymd, u.d
          FROM (SELECT 3 AS kind, g, country, gender, CAST(to_char(first_on, 'YYYYMMDD') AS INTEGER) AS ymd, 0 AS lo, 2 AS hi, 1 AS d FROM trainee_firsts WHERE kind = 3
                UNION ALL SELECT 4, programme_id, country, '', CAST(to_char(first_on, 'YYYYMMDD') AS INTEGER), 0, 0, 1 FROM trainee_course_countries
                UNION ALL SELECT 4, programme_id, country, gender, CAST(to_char(first_on, 'YYYYMMDD') AS INTEGER), 1, 2, 1 FROM trainee_course_country_genders) u
          JOIN trainee_regions reg ON reg.country = u.country
          JOIN (SELECT 0 AS s UNION ALL SELECT 1 UNION ALL SELECT 2) x ON x.s BETWEEN u.lo AND u.hi) f
 CROSS JOIN (SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) l
 WHERE 1 = 1
 GROUP BY 1, 2, 3, 4, 5, 6
HAVING SUM(f.d) <> 0;

-- Move the slices' counts of one first (kind k, group grp, a person or
-- country of country c and gender gd, day d) by delta, in slices lo..hi:
-- 0 the region with any gender, 1 the gender with any region, 2 both.
CREATE FUNCTION trainee_stats_slices(k INTEGER, grp BIGINT, c TEXT, gd TEXT, d DATE, lo INTEGER, hi INTEGER, delta BIGINT)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO trainee_slice_counts (region, gender, lvl, bucket, kind, g, n)
    SELECT f.region, f.gender, l.lvl,
           CASE l.lvl WHEN 0 THEN f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END
                      WHEN 1 THEN f.ymd / 100 WHEN 2 THEN f.ymd
                      ELSE (f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10 END,
           f.kind, f.g, SUM(f.d)
      FROM (SELECT CASE x.s WHEN 1 THEN '' ELSE reg.region END AS region,
                   CASE x.s WHEN 0 THEN '' ELSE u.gender END AS gender, u.kind, u.g, u.ymd, u.d
              FROM (SELECT k AS kind, grp AS g, c AS country, gd AS gender, CAST(to_char(d, 'YYYYMMDD') AS INTEGER) AS ymd, lo AS lo, hi AS hi, delta AS d) u
              JOIN trainee_regions reg ON reg.country = u.country
              JOIN (SELECT 0 AS s UNION ALL SELECT 1 UNION ALL SELECT 2) x ON x.s BETWEEN u.lo AND u.hi) f
     CROSS JOIN (SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) l
     WHERE 1 = 1
     GROUP BY 1, 2, 3, 4, 5, 6
    HAVING SUM(f.d) <> 0
    ON CONFLICT (region, gender, lvl, bucket, kind, g) DO UPDATE SET n = trainee_slice_counts.n + excluded.n;
END $$;

-- A course's first of a person moves the slices' people counts, and the
-- course's first day for the person's country and gender.
CREATE FUNCTION trainee_stats_slice_first() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r trainee_firsts;
    delta BIGINT;
    m DATE;
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
    IF r.kind <> 3 THEN
        RETURN NULL;
    END IF;
    PERFORM trainee_stats_slices(3, r.g, r.country, r.gender, r.first_on, 0, 2, delta);
    IF TG_OP = 'INSERT' THEN
        DELETE FROM trainee_course_country_genders
         WHERE programme_id = r.g AND country = r.country AND gender = r.gender AND first_on > r.first_on;
        INSERT INTO trainee_course_country_genders (programme_id, country, gender, first_on)
        VALUES (r.g, r.country, r.gender, r.first_on) ON CONFLICT (programme_id, country, gender) DO NOTHING;
    ELSE
        SELECT MIN(first_on) INTO m FROM trainee_firsts
         WHERE kind = 3 AND g = r.g AND country = r.country AND gender = r.gender;
        DELETE FROM trainee_course_country_genders
         WHERE programme_id = r.g AND country = r.country AND gender = r.gender AND first_on IS DISTINCT FROM m;
        IF m IS NOT NULL THEN
            INSERT INTO trainee_course_country_genders (programme_id, country, gender, first_on)
            VALUES (r.g, r.country, r.gender, m) ON CONFLICT (programme_id, country, gender) DO NOTHING;
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER trainee_stats_slice_first AFTER INSERT OR DELETE ON trainee_firsts
FOR EACH ROW WHEN (current_setting('kizuna.trainee_stats', true) IS DISTINCT FROM 'paused')
EXECUTE FUNCTION trainee_stats_slice_first();

-- A course's first day for a country (any gender) moves the count of its
-- countries in the country's region; for a country and a gender, in the
-- gender's slices.
CREATE FUNCTION trainee_stats_slice_course_country() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r trainee_course_countries;
    delta BIGINT;
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
    PERFORM trainee_stats_slices(4, r.programme_id, r.country, '', r.first_on, 0, 0, delta);
    RETURN NULL;
END $$;
CREATE TRIGGER trainee_stats_slice_course_country AFTER INSERT OR DELETE ON trainee_course_countries
FOR EACH ROW WHEN (current_setting('kizuna.trainee_stats', true) IS DISTINCT FROM 'paused')
EXECUTE FUNCTION trainee_stats_slice_course_country();

CREATE FUNCTION trainee_stats_slice_course_country_gender() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r trainee_course_country_genders;
    delta BIGINT;
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
    PERFORM trainee_stats_slices(4, r.programme_id, r.country, r.gender, r.first_on, 1, 2, delta);
    RETURN NULL;
END $$;
CREATE TRIGGER trainee_stats_slice_course_country_gender AFTER INSERT OR DELETE ON trainee_course_country_genders
FOR EACH ROW WHEN (current_setting('kizuna.trainee_stats', true) IS DISTINCT FROM 'paused')
EXECUTE FUNCTION trainee_stats_slice_course_country_gender();
