-- A second counter, bumped only by writes to places, so that the map's
-- in-memory index is rebuilt when places change and not on every write.
ALTER TABLE data_version ADD COLUMN places_version BIGINT NOT NULL DEFAULT 0;
