-- National-scale voter lists (FR001, NFR006): a voter row carries its district (the set of
-- constituencies it votes in, shared by every voter of a commune) and the source (commune or
-- consular post) whose file listed it. Envelope rows are created at the first print, so a load
-- of 8.2 million voters writes 8.2 million narrow rows and nothing else.
CREATE TABLE district (
    id   int  PRIMARY KEY,
    key  text NOT NULL UNIQUE             -- 'CH2026:BW,EU2026:FR,...', sorted by election
);

CREATE TABLE district_contest (
    district_id  int  NOT NULL REFERENCES district(id),
    election_id  text NOT NULL,
    contest_id   text NOT NULL,
    PRIMARY KEY (district_id, election_id),
    FOREIGN KEY (election_id, contest_id) REFERENCES contest(election_id, id)
);

ALTER TABLE voter ADD COLUMN district int, ADD COLUMN source text NOT NULL DEFAULT '', ADD COLUMN line int NOT NULL DEFAULT 0;  -- line: where the source's file lists the voter

WITH per_voter AS (
    SELECT voter_key, string_agg(election_id || ':' || contest_id, ',' ORDER BY election_id) AS key FROM envelope GROUP BY voter_key
)
INSERT INTO district (id, key) SELECT row_number() OVER (ORDER BY key), key FROM (SELECT DISTINCT key FROM per_voter) d;

INSERT INTO district_contest (district_id, election_id, contest_id)
SELECT d.id, split_part(p, ':', 1), split_part(p, ':', 2) FROM district d, unnest(string_to_array(d.key, ',')) AS p;

UPDATE voter v SET district = d.id
FROM (SELECT voter_key, string_agg(election_id || ':' || contest_id, ',' ORDER BY election_id) AS key FROM envelope GROUP BY voter_key) x
JOIN district d ON d.key = x.key
WHERE v.voter_key = x.voter_key;

DELETE FROM voter WHERE district IS NULL;
ALTER TABLE voter ALTER COLUMN district SET NOT NULL;

-- The list of voters who voted in person (HYP04), per election; national size too.
-- A voter named twice (by two files) may appear twice: the list is read as a set (EXISTS), and a
-- plain index builds in a fraction of the time of a de-duplicated primary key at 7 million rows.
CREATE TABLE in_person (
    election_id  text  NOT NULL,
    voter_key    bytea NOT NULL
);
CREATE INDEX in_person_voter ON in_person (election_id, voter_key);
INSERT INTO in_person (election_id, voter_key) SELECT election_id, voter_key FROM envelope WHERE voted_in_person;

-- Envelopes now start at the first print; a voter removed by a later list keeps the envelope of a
-- label already issued, so the envelope no longer references the voter row.
DELETE FROM envelope WHERE label_token_hash IS NULL AND print_count = 0 AND status = 0 AND NOT voted_in_person AND received_at IS NULL;
ALTER TABLE envelope DROP CONSTRAINT envelope_voter_key_fkey;
