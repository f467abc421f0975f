-- Each device credential of a bureau has one duty: reception (scanning envelopes) or counting
-- (registering counted ballots), so a scanner's key or certificate cannot register ballots
-- (least privilege). The primary key makes a credential belong to one bureau and one duty.
CREATE TABLE bureau_credential (
    credential  bytea PRIMARY KEY,            -- keyed hash of a key, or SHA-256 of a certificate
    bureau_id   text NOT NULL REFERENCES bureau(id),
    kind        text NOT NULL CHECK (kind IN ('key', 'certificate')),
    duty        text NOT NULL CHECK (duty IN ('reception', 'counting')),
    issued_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (bureau_id, kind, duty)
);

-- Credentials issued before served both duties; they keep the reception one. A counting client
-- gets its own with `hv bureau key BUREAU --duty counting`.
INSERT INTO bureau_credential (credential, bureau_id, kind, duty)
    SELECT key_hash, id, 'key', 'reception' FROM bureau WHERE key_hash IS NOT NULL;
INSERT INTO bureau_credential (credential, bureau_id, kind, duty)
    SELECT cert_sha256, id, 'certificate', 'reception' FROM bureau WHERE cert_sha256 IS NOT NULL
    ON CONFLICT DO NOTHING;

ALTER TABLE bureau DROP COLUMN key_hash, DROP COLUMN cert_sha256;
