-- The date of each step of a participation (nominated, accepted, arrived,
-- completed, withdrawn), and attendance as present, absent, late or excused
-- instead of a yes or no.
ALTER TABLE participations ADD COLUMN nominated_on TEXT;
ALTER TABLE participations ADD COLUMN accepted_on TEXT;
ALTER TABLE participations ADD COLUMN arrived_on TEXT;
ALTER TABLE participations ADD COLUMN completed_on TEXT;
ALTER TABLE participations ADD COLUMN withdrawn_on TEXT;

-- What the records already say: a trainee's first day was their arrival,
-- a completed participation's last day its completion.
UPDATE participations SET arrived_on = started_on
 WHERE started_on IS NOT NULL AND status IN ('arrived', 'completed');
UPDATE participations SET completed_on = ended_on
 WHERE ended_on IS NOT NULL AND status = 'completed'
   AND (arrived_on IS NULL OR ended_on >= arrived_on);

-- SQLite cannot change a column's type: attendance is rebuilt, each mark
-- kept (present: present; not present: absent).
CREATE TABLE attendance_0013 (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE RESTRICT,
    status     TEXT NOT NULL CHECK (status IN ('present', 'absent', 'late', 'excused')),
    note       TEXT,
    PRIMARY KEY (session_id, person_id)
);
INSERT INTO attendance_0013 (session_id, person_id, status, note)
SELECT session_id, person_id, CASE WHEN present THEN 'present' ELSE 'absent' END, note FROM attendance;
DROP TABLE attendance;
ALTER TABLE attendance_0013 RENAME TO attendance;
CREATE INDEX attendance_person ON attendance(person_id);
