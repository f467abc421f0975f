-- A counting bureau's tally sheet while it is entered twice (REQUIREMENTS §6): the double entry as
-- Domain keeps it (DoubleEntry: the settled fields with who settled them, the open fields, a first
-- entry waiting for its second, the differences for the president). Field values only: never a
-- voter, a K-code or a ballot. `version` makes every change a compare-and-set, so two typists
-- saving at once cannot overwrite each other.
CREATE TABLE tally_entry (
    bureau_id   text PRIMARY KEY REFERENCES bureau(id),
    version     int  NOT NULL,
    state       jsonb NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
