-- Every imported file, by the SHA-256 of its bytes: loading the same file twice is a no-op
-- (NFR010), and the audit trail names the file and its signer (TR008).
CREATE TABLE import_file (
    sha256    text PRIMARY KEY,
    kind      text NOT NULL,
    file_name text NOT NULL,
    signer    text NOT NULL,
    rows      bigint NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now(),
    loaded_by text NOT NULL
);
