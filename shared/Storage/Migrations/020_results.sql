-- Results (REQUIREMENTS §6, FR012, TR014): the embargo before which no figure is computed, shown or
-- exported (null: the in-person close), and the bureaus that count the ballots of voters abroad,
-- whose sums the constituency's count keeps apart.
ALTER TABLE election ADD COLUMN results_from timestamptz;
ALTER TABLE bureau ADD COLUMN abroad boolean NOT NULL DEFAULT false;
