-- Ended sessions (logout, revocation): a session cookie whose id is here is refused by every
-- replica, which polls this table (SEC004, ASVS V3.3.1). Only a SHA-256 of the session id is kept,
-- and only until the session would have expired anyway.
CREATE TABLE session_revocation (
    sid_hash   bytea PRIMARY KEY,
    revoked_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    expires_at timestamptz NOT NULL
);

CREATE INDEX session_revocation_revoked_at ON session_revocation (revoked_at);
