-- From now on every entry of the session key ring is sealed with the mounted keyring.key before it
-- is stored (KeyRingEncryptor). Entries stored in clear before would keep a dump usable as a
-- credential until they expire, so they go: sessions and form tokens signed with them end, and
-- voters log in again once.
DELETE FROM data_protection_key;
