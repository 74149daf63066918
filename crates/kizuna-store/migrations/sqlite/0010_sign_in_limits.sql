-- Sign-in limits (issue 10): recent failed sign-ins counted per account and
-- address ('pair'), per address ('address') and per account ('account'),
-- and the addresses each account has signed in from. Accounts and addresses
-- are kept only as salted SHA-256 hashes. Times are Unix seconds. Rows
-- expire a day after their last failure (known addresses after 90 days of
-- disuse) and are purged as sign-ins are written; nothing is ever flushed.
CREATE TABLE sign_in_failures (
    kind          TEXT NOT NULL,
    subject       TEXT NOT NULL,
    failures      INTEGER NOT NULL,
    first_failure INTEGER NOT NULL,
    last_failure  INTEGER NOT NULL,
    blocked_until INTEGER NOT NULL,
    PRIMARY KEY (kind, subject)
);
CREATE INDEX sign_in_failures_last ON sign_in_failures(last_failure);

CREATE TABLE sign_in_known (
    subject      TEXT PRIMARY KEY,
    last_success INTEGER NOT NULL
);
CREATE INDEX sign_in_known_last ON sign_in_known(last_success);
