-- The counting bureau's register and its lock versions (REQUIREMENTS §6, FR009, FR012).
--
-- Each registration keeps the ballot's classification (never a list or a candidate: HYP02), so the
-- register can be compared per class with the tally sheet (F.103). A later registration of a code
-- already registered ("copy") waits for the president: `confirmed` (a second physical ballot carried
-- the code; only then does the voter's status say so) or `struck` (the same ballot registered twice;
-- it no longer counts in the register).
ALTER TABLE registration_entry ADD COLUMN classification text;
ALTER TABLE registration_entry ADD COLUMN registered_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE registration_entry ADD COLUMN decision text CHECK (decision IN ('confirmed', 'struck'));
ALTER TABLE registration_entry ADD COLUMN decided_by text;
UPDATE registration_entry e SET classification = g.classification FROM registered_ballot g WHERE g.kcode_hash = e.kcode_hash;
-- Copies registered before this rule counted at once: they stay counted.
UPDATE registration_entry SET decision = 'confirmed', decided_by = 'migration' WHERE result = 'copy';

-- A lock has a version; an unlock by the constituency's president keeps the unlocked version here
-- with who unlocked it, when and why, and the sheet can be corrected and locked again.
ALTER TABLE tally_lock ADD COLUMN version int NOT NULL DEFAULT 1;
CREATE TABLE tally_unlocked (
    bureau_id    text NOT NULL REFERENCES bureau(id),
    version      int  NOT NULL,
    snapshot     text NOT NULL,
    sha256       text NOT NULL,
    locked_at    timestamptz NOT NULL,
    locked_by    text NOT NULL,
    unlocked_at  timestamptz NOT NULL DEFAULT now(),
    unlocked_by  text NOT NULL,
    reason       text NOT NULL,
    PRIMARY KEY (bureau_id, version)
);
