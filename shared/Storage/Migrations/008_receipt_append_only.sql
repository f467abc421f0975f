-- A receipt is the record of what a scanner sent; reconciliation counts every one (FR009), so
-- receipts are never changed or removed: refused here for every statement, at no cost to inserts.
CREATE FUNCTION receipt_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'receipt is append-only';
END $$;

CREATE TRIGGER receipt_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON receipt
    FOR EACH STATEMENT EXECUTE FUNCTION receipt_is_append_only();

-- A queue row is inserted by the same statement as its receipt, from the id that insert returned,
-- and receipts are never removed (above): the foreign key could never fail, yet PostgreSQL ran it
-- as a query per queued row, about an eighth of the database's time in batches of 1,000 receipts at
-- the intake peak (NFR006, scripts/bench ingest). receipt_outcome (006) relied on this key for the
-- existence of the receipt; it now rests on the same two facts.
ALTER TABLE receipt_queue DROP CONSTRAINT receipt_queue_receipt_id_fkey;
