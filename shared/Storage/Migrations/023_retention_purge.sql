-- Retention (NFR001, NFR011): when an election's data was purged after its validation. The purge
-- deletes every voter-linked row of the election and keeps its counts and the audit chain.
ALTER TABLE election ADD COLUMN purged_at timestamptz;

-- Receipts stay append-only, except for the retention purge: it alone sets
-- hybridvote.retention_purge for its own transaction (SET LOCAL) before deleting an election's receipts.
CREATE OR REPLACE FUNCTION receipt_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('hybridvote.retention_purge', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'receipt is append-only';
END $$;
