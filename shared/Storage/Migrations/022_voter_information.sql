-- What a voter is told (REQUIREMENTS FR005, FR006): when they last printed, so the home page can
-- say so and a second print is asked about first; and, per election, the last day to post the
-- envelope so it arrives in time (null: three days before the in-person close), whether the
-- outer envelope needs a stamp, and where to ask for help.
ALTER TABLE envelope ADD COLUMN last_printed_at timestamptz;
ALTER TABLE election ADD COLUMN post_by date;
ALTER TABLE election ADD COLUMN postage text NOT NULL DEFAULT 'stamp' CHECK (postage IN ('stamp', 'prepaid'));
ALTER TABLE election ADD COLUMN help_contact text;
