-- The outcome of each applied receipt is appended to its own table instead of updating the
-- receipt (FR008, NFR006): an UPDATE rewrote the receipt row and both of its indexes, which made
-- it the most expensive step of an ingest batch. Reconciliation joins the two tables. Rows are
-- written only by ingest for receipts it has just claimed from receipt_queue (whose foreign key
-- already guarantees the receipt exists), so no foreign key is checked row by row here.
CREATE TABLE receipt_outcome (
    receipt_id bigint PRIMARY KEY,
    outcome    text   NOT NULL
);
INSERT INTO receipt_outcome (receipt_id, outcome) SELECT id, outcome FROM receipt WHERE outcome IS NOT NULL;
ALTER TABLE receipt DROP COLUMN outcome;
