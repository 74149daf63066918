-- Managing accounts and API tokens: an account can be disabled (it cannot
-- sign in; its sessions and tokens stop working), a token has an id (to be
-- listed and revoked by), a scope ('read': GET and HEAD only; 'write': what
-- every token could do before, so existing tokens get it), an optional
-- expiry, a revocation time and the time it was last used; and one-time
-- links to set a new password.
ALTER TABLE users ADD COLUMN disabled_at TEXT;

-- SQLite cannot add a primary key to a table: api_tokens is rebuilt.
CREATE TABLE api_tokens_0012 (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    scope        TEXT NOT NULL DEFAULT 'write' CHECK (scope IN ('read', 'write')),
    created_at   TEXT NOT NULL,
    expires_at   TEXT,
    revoked_at   TEXT,
    last_used_at TEXT
);
INSERT INTO api_tokens_0012 (token_hash, user_id, name, scope, created_at)
SELECT token_hash, user_id, name, 'write', created_at FROM api_tokens ORDER BY created_at, token_hash;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_0012 RENAME TO api_tokens;
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX password_resets_user ON password_resets(user_id);
