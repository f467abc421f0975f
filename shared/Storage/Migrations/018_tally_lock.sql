-- The president's lock of a counting bureau's tally sheet (REQUIREMENTS §6): the canonical snapshot
-- (TallyLock.Canonical: every field and the warnings' explanations) and its SHA-256, audited. After
-- the lock the sheet refuses every change.
CREATE TABLE tally_lock (
    bureau_id  text PRIMARY KEY REFERENCES bureau(id),
    snapshot   text NOT NULL,
    sha256     text NOT NULL,
    locked_at  timestamptz NOT NULL DEFAULT now(),
    locked_by  text NOT NULL
);
