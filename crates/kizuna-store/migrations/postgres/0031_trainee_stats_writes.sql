-- Trainee counts (migration 25): cheaper single writes and bulk work.
--
-- 1. A recount writes only the firsts that changed. Before, every write
--    to a person's trainee participations deleted all their firsts and
--    inserted them again, and each of those rows' triggers moved four
--    count rows in each count table (and a course's countries) twice,
--    once down and once up: about 3 ms a write on PostgreSQL whether or
--    not anything changed (a status moved from 'completed' to 'arrived'
--    changes nobody's first day). Now the firsts that no longer hold are
--    deleted and the new ones inserted (ON CONFLICT DO NOTHING: one with
--    the same key that is still there is the same row), so only real
--    changes reach the count triggers.
--    Its two statements are planned once per connection
--    (plan_cache_mode = force_generic_plan): plpgsql otherwise planned
--    them afresh on every call (a custom plan for the ids given, judged
--    cheaper than the generic one), and planning two three-way UNIONs of
--    joins was most of a write's time. Measured on a 100,000-participation
--    store (psql, 200 updates in one DO block, load ~6.5 on 2 cores): a
--    status change completed <-> arrived 3.30 -> 0.14 ms, completed <->
--    withdrawn 3.03 -> 0.54 ms (0.02-0.05 ms with the counts paused).
-- 2. Every trainee-count trigger is skipped, without a call, in a
--    transaction that has set `kizuna.trainee_stats` to 'paused'
--    (set_config(…, true): that transaction only, gone at its end). The
--    store's bulk paths (a rebuild, an import's trainees) set it and count
--    set-based themselves; before, each row they wrote still queued an
--    event and called a plpgsql function that only returned. With
--    TRUNCATE and inserts in key order (stats.rs), a rebuild of
--    1,000,000 synthetic participations (2.34 M firsts, 4.61 M person
--    count rows) took 59 s against 192 s (psql, load ~6 on 2 cores;
--    the firsts alone 13.4 s against 53.0 s). The table flag
--    (trainee_stats_state.paused) stays what pauses the counts for
--    everyone.
-- The SQLite file makes the same change to its triggers (its triggers
-- read the table flag in their WHEN already; it has no session settings).

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
END $$;

DROP TRIGGER trainee_stats_participation ON participations;
CREATE TRIGGER trainee_stats_participation AFTER INSERT OR UPDATE OR DELETE ON participations
FOR EACH ROW WHEN (current_setting('kizuna.trainee_stats', true) IS DISTINCT FROM 'paused')
EXECUTE FUNCTION trainee_stats_participation();

DROP TRIGGER trainee_stats_person ON people;
CREATE TRIGGER trainee_stats_person AFTER UPDATE ON people
FOR EACH ROW WHEN (current_setting('kizuna.trainee_stats', true) IS DISTINCT FROM 'paused')
EXECUTE FUNCTION trainee_stats_person();

DROP TRIGGER trainee_stats_edition ON editions;
CREATE TRIGGER trainee_stats_edition AFTER UPDATE ON editions
FOR EACH ROW WHEN (current_setting('kizuna.trainee_stats', true) IS DISTINCT FROM 'paused')
EXECUTE FUNCTION trainee_stats_edition();

DROP TRIGGER trainee_stats_first ON trainee_firsts;
CREATE TRIGGER trainee_stats_first AFTER INSERT OR DELETE ON trainee_firsts
FOR EACH ROW WHEN (current_setting('kizuna.trainee_stats', true) IS DISTINCT FROM 'paused')
EXECUTE FUNCTION trainee_stats_first();

DROP TRIGGER trainee_stats_course_country ON trainee_course_countries;
CREATE TRIGGER trainee_stats_course_country AFTER INSERT OR DELETE ON trainee_course_countries
FOR EACH ROW WHEN (current_setting('kizuna.trainee_stats', true) IS DISTINCT FROM 'paused')
EXECUTE FUNCTION trainee_stats_course_country();

DROP TRIGGER trainee_stats_person_count ON trainee_firsts;
CREATE TRIGGER trainee_stats_person_count AFTER INSERT OR DELETE ON trainee_firsts
FOR EACH ROW WHEN (current_setting('kizuna.trainee_stats', true) IS DISTINCT FROM 'paused')
EXECUTE FUNCTION trainee_stats_person_count();
