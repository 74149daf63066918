-- The audit log: who created, changed, deleted, viewed or exported which
-- record, when and from where. Append-only and hash-chained: each entry's
-- hash covers the previous entry's hash and its own fields, so a changed
-- or missing entry breaks the chain (`kizuna audit verify`). Ids are
-- contiguous, handed out from the one-row head, which also keeps the last
-- hash; appending updates the head first, so appends are serialised.
CREATE TABLE audit_log (
    id            BIGINT PRIMARY KEY,
    at            TEXT NOT NULL,
    actor_user_id BIGINT,
    actor_label   TEXT NOT NULL,
    address       TEXT,
    action        TEXT NOT NULL,
    entity        TEXT NOT NULL,
    record_id     BIGINT,
    office_id     BIGINT,
    detail        TEXT,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL
);
CREATE INDEX audit_log_record ON audit_log(entity, record_id);
CREATE INDEX audit_log_actor ON audit_log(actor_user_id);
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TABLE audit_head (
    id      BIGINT PRIMARY KEY CHECK (id = 1),
    last_id BIGINT NOT NULL,
    hash    TEXT NOT NULL
);
INSERT INTO audit_head (id, last_id, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
