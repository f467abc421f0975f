-- The president's close of a bureau's intake (FR008): when, by whom (staff pseudonym prefix), and
-- the envelopes counted by hand in the bureau's two piles, which reconciliation compares with the
-- outcomes ingest gave the bureau's receipts. One close per bureau; never changed.
CREATE TABLE reception_close (
    bureau_id          text PRIMARY KEY REFERENCES bureau(id),
    closed_at          timestamptz NOT NULL,
    closed_by          text NOT NULL,
    counted_accepted   bigint NOT NULL CHECK (counted_accepted >= 0),
    counted_set_aside  bigint NOT NULL CHECK (counted_set_aside >= 0)
);
