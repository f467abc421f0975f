-- Retention (NFR001, NFR011): when an election's data was purged after its validation. The purge
-- deletes every voter-linked row of the election and keeps its counts and the audit chain.
ALTER TABLE election ADD COLUMN purged_at timestamptz;
