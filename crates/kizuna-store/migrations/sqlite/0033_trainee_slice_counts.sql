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
) WITHOUT ROWID;
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
    programme_id INTEGER NOT NULL,
    country TEXT NOT NULL,
    gender TEXT NOT NULL,
    first_on TEXT NOT NULL,
    PRIMARY KEY (programme_id, country, gender)
) WITHOUT ROWID;

CREATE TABLE trainee_slice_counts (
    region TEXT NOT NULL,
    gender TEXT NOT NULL,
    lvl INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    g INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (region, gender, lvl, bucket, kind, g)
) WITHOUT ROWID;

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
          FROM (SELECT 3 AS kind, g, country, gender, CAST(replace(first_on, '-', '') AS INTEGER) AS ymd, 0 AS lo, 2 AS hi, 1 AS d FROM trainee_firsts WHERE kind = 3
                UNION ALL SELECT 4, programme_id, country, '', CAST(replace(first_on, '-', '') AS INTEGER), 0, 0, 1 FROM trainee_course_countries
                UNION ALL SELECT 4, programme_id, country, gender, CAST(replace(first_on, '-', '') AS INTEGER), 1, 2, 1 FROM trainee_course_country_genders) u
          JOIN trainee_regions reg ON reg.country = u.country
          JOIN (SELECT 0 AS s UNION ALL SELECT 1 UNION ALL SELECT 2) x ON x.s BETWEEN u.lo AND u.hi) f
 CROSS JOIN (SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) l
 WHERE 1 = 1
 GROUP BY 1, 2, 3, 4, 5, 6
HAVING SUM(f.d) <> 0;

-- A course's first of a person moves the slices' people counts, and the
-- course's first day for the person's country and gender.

CREATE TRIGGER trainee_stats_slice_first_insert AFTER INSERT ON trainee_firsts
WHEN new.kind = 3 AND (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    INSERT INTO trainee_slice_counts (region, gender, lvl, bucket, kind, g, n)
    SELECT f.region, f.gender, l.lvl,
           CASE l.lvl WHEN 0 THEN f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END
                      WHEN 1 THEN f.ymd / 100 WHEN 2 THEN f.ymd
                      ELSE (f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10 END,
           f.kind, f.g, SUM(f.d)
      FROM (SELECT CASE x.s WHEN 1 THEN '' ELSE reg.region END AS region,
                   CASE x.s WHEN 0 THEN '' ELSE u.gender END AS gender, u.kind, u.g, u.ymd, u.d
              FROM (SELECT 3 AS kind, new.g AS g, new.country AS country, new.gender AS gender, CAST(replace(new.first_on, '-', '') AS INTEGER) AS ymd, 0 AS lo, 2 AS hi, 1 AS d) u
              JOIN trainee_regions reg ON reg.country = u.country
              JOIN (SELECT 0 AS s UNION ALL SELECT 1 UNION ALL SELECT 2) x ON x.s BETWEEN u.lo AND u.hi) f
     CROSS JOIN (SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) l
     WHERE 1 = 1
     GROUP BY 1, 2, 3, 4, 5, 6
    HAVING SUM(f.d) <> 0
    ON CONFLICT (region, gender, lvl, bucket, kind, g) DO UPDATE SET n = trainee_slice_counts.n + excluded.n;
    DELETE FROM trainee_course_country_genders
     WHERE programme_id = new.g AND country = new.country AND gender = new.gender AND first_on > new.first_on;
    INSERT INTO trainee_course_country_genders (programme_id, country, gender, first_on)
    SELECT new.g, new.country, new.gender, new.first_on
     WHERE NOT EXISTS (SELECT 1 FROM trainee_course_country_genders
                        WHERE programme_id = new.g AND country = new.country AND gender = new.gender);
END;

CREATE TRIGGER trainee_stats_slice_first_delete AFTER DELETE ON trainee_firsts
WHEN old.kind = 3 AND (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    INSERT INTO trainee_slice_counts (region, gender, lvl, bucket, kind, g, n)
    SELECT f.region, f.gender, l.lvl,
           CASE l.lvl WHEN 0 THEN f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END
                      WHEN 1 THEN f.ymd / 100 WHEN 2 THEN f.ymd
                      ELSE (f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10 END,
           f.kind, f.g, SUM(f.d)
      FROM (SELECT CASE x.s WHEN 1 THEN '' ELSE reg.region END AS region,
                   CASE x.s WHEN 0 THEN '' ELSE u.gender END AS gender, u.kind, u.g, u.ymd, u.d
              FROM (SELECT 3 AS kind, old.g AS g, old.country AS country, old.gender AS gender, CAST(replace(old.first_on, '-', '') AS INTEGER) AS ymd, 0 AS lo, 2 AS hi, -1 AS d) u
              JOIN trainee_regions reg ON reg.country = u.country
              JOIN (SELECT 0 AS s UNION ALL SELECT 1 UNION ALL SELECT 2) x ON x.s BETWEEN u.lo AND u.hi) f
     CROSS JOIN (SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) l
     WHERE 1 = 1
     GROUP BY 1, 2, 3, 4, 5, 6
    HAVING SUM(f.d) <> 0
    ON CONFLICT (region, gender, lvl, bucket, kind, g) DO UPDATE SET n = trainee_slice_counts.n + excluded.n;
    DELETE FROM trainee_course_country_genders
     WHERE programme_id = old.g AND country = old.country AND gender = old.gender AND first_on = old.first_on
       AND NOT EXISTS (SELECT 1 FROM trainee_firsts
                        WHERE kind = 3 AND g = old.g AND country = old.country AND gender = old.gender
                          AND first_on = old.first_on);
    INSERT INTO trainee_course_country_genders (programme_id, country, gender, first_on)
    SELECT old.g, old.country, old.gender, m
      FROM (SELECT MIN(first_on) AS m FROM trainee_firsts
             WHERE kind = 3 AND g = old.g AND country = old.country AND gender = old.gender)
     WHERE m IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM trainee_course_country_genders
                        WHERE programme_id = old.g AND country = old.country AND gender = old.gender);
END;

-- A course's first day for a country (any gender) moves the count of its
-- countries in the country's region; for a country and a gender, in the
-- gender's slices.

CREATE TRIGGER trainee_stats_slice_course_country_insert AFTER INSERT ON trainee_course_countries
WHEN (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    INSERT INTO trainee_slice_counts (region, gender, lvl, bucket, kind, g, n)
    SELECT f.region, f.gender, l.lvl,
           CASE l.lvl WHEN 0 THEN f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END
                      WHEN 1 THEN f.ymd / 100 WHEN 2 THEN f.ymd
                      ELSE (f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10 END,
           f.kind, f.g, SUM(f.d)
      FROM (SELECT CASE x.s WHEN 1 THEN '' ELSE reg.region END AS region,
                   CASE x.s WHEN 0 THEN '' ELSE u.gender END AS gender, u.kind, u.g, u.ymd, u.d
              FROM (SELECT 4 AS kind, new.programme_id AS g, new.country AS country, '' AS gender, CAST(replace(new.first_on, '-', '') AS INTEGER) AS ymd, 0 AS lo, 0 AS hi, 1 AS d) u
              JOIN trainee_regions reg ON reg.country = u.country
              JOIN (SELECT 0 AS s UNION ALL SELECT 1 UNION ALL SELECT 2) x ON x.s BETWEEN u.lo AND u.hi) f
     CROSS JOIN (SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) l
     WHERE 1 = 1
     GROUP BY 1, 2, 3, 4, 5, 6
    HAVING SUM(f.d) <> 0
    ON CONFLICT (region, gender, lvl, bucket, kind, g) DO UPDATE SET n = trainee_slice_counts.n + excluded.n;
END;

CREATE TRIGGER trainee_stats_slice_course_country_delete AFTER DELETE ON trainee_course_countries
WHEN (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    INSERT INTO trainee_slice_counts (region, gender, lvl, bucket, kind, g, n)
    SELECT f.region, f.gender, l.lvl,
           CASE l.lvl WHEN 0 THEN f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END
                      WHEN 1 THEN f.ymd / 100 WHEN 2 THEN f.ymd
                      ELSE (f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10 END,
           f.kind, f.g, SUM(f.d)
      FROM (SELECT CASE x.s WHEN 1 THEN '' ELSE reg.region END AS region,
                   CASE x.s WHEN 0 THEN '' ELSE u.gender END AS gender, u.kind, u.g, u.ymd, u.d
              FROM (SELECT 4 AS kind, old.programme_id AS g, old.country AS country, '' AS gender, CAST(replace(old.first_on, '-', '') AS INTEGER) AS ymd, 0 AS lo, 0 AS hi, -1 AS d) u
              JOIN trainee_regions reg ON reg.country = u.country
              JOIN (SELECT 0 AS s UNION ALL SELECT 1 UNION ALL SELECT 2) x ON x.s BETWEEN u.lo AND u.hi) f
     CROSS JOIN (SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) l
     WHERE 1 = 1
     GROUP BY 1, 2, 3, 4, 5, 6
    HAVING SUM(f.d) <> 0
    ON CONFLICT (region, gender, lvl, bucket, kind, g) DO UPDATE SET n = trainee_slice_counts.n + excluded.n;
END;

CREATE TRIGGER trainee_stats_slice_course_country_gender_insert AFTER INSERT ON trainee_course_country_genders
WHEN (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    INSERT INTO trainee_slice_counts (region, gender, lvl, bucket, kind, g, n)
    SELECT f.region, f.gender, l.lvl,
           CASE l.lvl WHEN 0 THEN f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END
                      WHEN 1 THEN f.ymd / 100 WHEN 2 THEN f.ymd
                      ELSE (f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10 END,
           f.kind, f.g, SUM(f.d)
      FROM (SELECT CASE x.s WHEN 1 THEN '' ELSE reg.region END AS region,
                   CASE x.s WHEN 0 THEN '' ELSE u.gender END AS gender, u.kind, u.g, u.ymd, u.d
              FROM (SELECT 4 AS kind, new.programme_id AS g, new.country AS country, new.gender AS gender, CAST(replace(new.first_on, '-', '') AS INTEGER) AS ymd, 1 AS lo, 2 AS hi, 1 AS d) u
              JOIN trainee_regions reg ON reg.country = u.country
              JOIN (SELECT 0 AS s UNION ALL SELECT 1 UNION ALL SELECT 2) x ON x.s BETWEEN u.lo AND u.hi) f
     CROSS JOIN (SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) l
     WHERE 1 = 1
     GROUP BY 1, 2, 3, 4, 5, 6
    HAVING SUM(f.d) <> 0
    ON CONFLICT (region, gender, lvl, bucket, kind, g) DO UPDATE SET n = trainee_slice_counts.n + excluded.n;
END;

CREATE TRIGGER trainee_stats_slice_course_country_gender_delete AFTER DELETE ON trainee_course_country_genders
WHEN (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    INSERT INTO trainee_slice_counts (region, gender, lvl, bucket, kind, g, n)
    SELECT f.region, f.gender, l.lvl,
           CASE l.lvl WHEN 0 THEN f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END
                      WHEN 1 THEN f.ymd / 100 WHEN 2 THEN f.ymd
                      ELSE (f.ymd / 10000 - CASE WHEN f.ymd / 100 % 100 < 4 THEN 1 ELSE 0 END) / 10 END,
           f.kind, f.g, SUM(f.d)
      FROM (SELECT CASE x.s WHEN 1 THEN '' ELSE reg.region END AS region,
                   CASE x.s WHEN 0 THEN '' ELSE u.gender END AS gender, u.kind, u.g, u.ymd, u.d
              FROM (SELECT 4 AS kind, old.programme_id AS g, old.country AS country, old.gender AS gender, CAST(replace(old.first_on, '-', '') AS INTEGER) AS ymd, 1 AS lo, 2 AS hi, -1 AS d) u
              JOIN trainee_regions reg ON reg.country = u.country
              JOIN (SELECT 0 AS s UNION ALL SELECT 1 UNION ALL SELECT 2) x ON x.s BETWEEN u.lo AND u.hi) f
     CROSS JOIN (SELECT 0 AS lvl UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) l
     WHERE 1 = 1
     GROUP BY 1, 2, 3, 4, 5, 6
    HAVING SUM(f.d) <> 0
    ON CONFLICT (region, gender, lvl, bucket, kind, g) DO UPDATE SET n = trainee_slice_counts.n + excluded.n;
END;
