-- A counter bumped by every write to the records statistics are computed
-- from, so that servers can cache computed reports and know when they are stale.
CREATE TABLE data_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 0);
