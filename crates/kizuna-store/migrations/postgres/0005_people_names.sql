-- Trainee lists are sorted by name and page through it.
CREATE INDEX people_names ON people(family_name, given_name, id);
CREATE INDEX participations_trainee ON participations(person_id, role, status, edition_id);
