-- Trainee counts (migration 25): a recount writes only the firsts that
-- changed, as in the PostgreSQL file. Before, every write to a person's
-- trainee participations deleted all their firsts and inserted them
-- again, and each of those rows' triggers moved four count rows in each
-- count table (and a course's countries), once down and once up, whether
-- or not anything changed (a status moved from 'completed' to 'arrived'
-- changes nobody's first day). Now the firsts that no longer hold are
-- deleted and the new ones inserted (ON CONFLICT DO NOTHING: one with the
-- same key that is still there is the same row), so only real changes
-- reach the count triggers. The triggers are the same otherwise (the
-- PostgreSQL file's other change, a per-transaction pause, is not needed
-- here: these triggers read the table flag in their WHEN, with no call).

DROP TRIGGER trainee_stats_participation_insert;
CREATE TRIGGER trainee_stats_participation_insert AFTER INSERT ON participations
WHEN new.role = 'trainee' AND (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    DELETE FROM trainee_firsts
     WHERE person_id IN (new.person_id)
       AND (person_id, kind, g, country, gender, first_on) NOT IN (
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
     GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender);
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
     GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender
    ON CONFLICT (person_id, kind, g) DO NOTHING;
END;

DROP TRIGGER trainee_stats_participation_update;
CREATE TRIGGER trainee_stats_participation_update AFTER UPDATE ON participations
WHEN (old.role = 'trainee' OR new.role = 'trainee')
 AND (old.person_id IS NOT new.person_id OR old.edition_id IS NOT new.edition_id
      OR old.role IS NOT new.role OR old.status IS NOT new.status)
 AND (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    DELETE FROM trainee_firsts
     WHERE person_id IN (old.person_id, new.person_id)
       AND (person_id, kind, g, country, gender, first_on) NOT IN (
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
     GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender);
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
     GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender
    ON CONFLICT (person_id, kind, g) DO NOTHING;
END;

DROP TRIGGER trainee_stats_participation_delete;
CREATE TRIGGER trainee_stats_participation_delete AFTER DELETE ON participations
WHEN old.role = 'trainee' AND (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    DELETE FROM trainee_firsts
     WHERE person_id IN (old.person_id)
       AND (person_id, kind, g, country, gender, first_on) NOT IN (
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
     GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender);
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
     GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender
    ON CONFLICT (person_id, kind, g) DO NOTHING;
END;

DROP TRIGGER trainee_stats_person_update;
CREATE TRIGGER trainee_stats_person_update AFTER UPDATE ON people
WHEN (old.nationality IS NOT new.nationality OR old.gender IS NOT new.gender) AND (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    DELETE FROM trainee_firsts
     WHERE person_id IN (new.id)
       AND (person_id, kind, g, country, gender, first_on) NOT IN (
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
     GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender);
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
     GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender
    ON CONFLICT (person_id, kind, g) DO NOTHING;
END;

DROP TRIGGER trainee_stats_edition_update;
CREATE TRIGGER trainee_stats_edition_update AFTER UPDATE ON editions
WHEN (old.starts_on IS NOT new.starts_on OR old.fiscal_year IS NOT new.fiscal_year
      OR old.programme_id IS NOT new.programme_id) AND (SELECT paused FROM trainee_stats_state) = 0
BEGIN
    DELETE FROM trainee_firsts
     WHERE person_id IN (SELECT person_id FROM participations WHERE edition_id = new.id AND role = 'trainee')
       AND (person_id, kind, g, country, gender, first_on) NOT IN (
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
     GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender);
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
     GROUP BY pa.person_id, e.programme_id, pe.nationality, pe.gender
    ON CONFLICT (person_id, kind, g) DO NOTHING;
END;
