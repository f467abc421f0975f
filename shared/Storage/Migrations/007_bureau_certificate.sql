-- Production scanners authenticate with a client certificate (SEC002, NL decree Ea 3(3)(c)): the
-- SHA-256 of each bureau's certificate is registered (`hv bureau cert`), so only that certificate
-- speaks for that bureau, even among certificates of the same CA.
ALTER TABLE bureau ADD COLUMN cert_sha256 bytea UNIQUE;
