-- Each registration of a counted ballot carries the counting client's entry id (FR009): a retried
-- request finds its entries here and gets the first answer without counting the ballots again.
-- Keyed like the ballots, by the K-code's keyed hash, never the code.
CREATE TABLE registration_entry (
    bureau_id  text  NOT NULL REFERENCES bureau(id),
    entry_id   text  NOT NULL,
    kcode_hash bytea NOT NULL,
    result     text,
    PRIMARY KEY (bureau_id, entry_id)
);
