-- Ended sessions (logout, revocation): a session cookie whose id is here is refused by every
-- replica, which polls this table (SEC004, ASVS V3.3.1). An ended session's id opens nothing, so it
-- is kept as it is, and only until the session would have expired anyway.
CREATE TABLE session_revocation (
    sid        bytea PRIMARY KEY,
    revoked_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    expires_at timestamptz NOT NULL
);

CREATE INDEX session_revocation_revoked_at ON session_revocation (revoked_at);
