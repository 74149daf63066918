-- What changed since a places version, so that the map's index is brought
-- up to date by its changes instead of being rebuilt from every place:
-- each place carries the places version that last wrote it, and deleted
-- places are logged with the version that deleted them.
ALTER TABLE places ADD COLUMN changed_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX places_changed_version ON places(changed_version);
CREATE TABLE place_deletions (
    place_id BIGINT NOT NULL,
    version  BIGINT NOT NULL
);
CREATE INDEX place_deletions_version ON place_deletions(version);
