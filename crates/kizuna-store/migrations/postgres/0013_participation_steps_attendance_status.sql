-- The date of each step of a participation (nominated, accepted, arrived,
-- completed, withdrawn), and attendance as present, absent, late or excused
-- instead of a yes or no.
ALTER TABLE participations ADD COLUMN nominated_on DATE;
ALTER TABLE participations ADD COLUMN accepted_on DATE;
ALTER TABLE participations ADD COLUMN arrived_on DATE;
ALTER TABLE participations ADD COLUMN completed_on DATE;
ALTER TABLE participations ADD COLUMN withdrawn_on DATE;

-- What the records already say: a trainee's first day was their arrival,
-- a completed participation's last day its completion.
UPDATE participations SET arrived_on = started_on
 WHERE started_on IS NOT NULL AND status IN ('arrived', 'completed');
UPDATE participations SET completed_on = ended_on
 WHERE ended_on IS NOT NULL AND status = 'completed'
   AND (arrived_on IS NULL OR ended_on >= arrived_on);

-- Each mark kept: present is present, not present absent.
ALTER TABLE attendance ADD COLUMN status TEXT;
UPDATE attendance SET status = CASE WHEN present THEN 'present' ELSE 'absent' END;
ALTER TABLE attendance ALTER COLUMN status SET NOT NULL;
ALTER TABLE attendance ADD CONSTRAINT attendance_status_check CHECK (status IN ('present', 'absent', 'late', 'excused'));
ALTER TABLE attendance DROP COLUMN present;
CREATE INDEX attendance_person ON attendance(person_id);
