-- Blank ballots are the same for every voter of an election, constituency and language: the
-- rendered PDF is stored once per version of the candidate lists (ARCHITECTURE §4).
ALTER TABLE contest ADD COLUMN lists_version int NOT NULL DEFAULT 0;

CREATE TABLE ballot_pdf (
    election_id   text NOT NULL,
    contest_id    text NOT NULL,
    languages     text NOT NULL,
    lists_version int  NOT NULL,
    sheets        int  NOT NULL,
    pdf           bytea NOT NULL,
    rendered_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (election_id, contest_id, languages),
    FOREIGN KEY (election_id, contest_id) REFERENCES contest(election_id, id)
);
