-- The name of an election and of a constituency in each national language the EML 110 gives one
-- for (be:Name xml:lang; TR006, BR005): ballots, labels and pages show the name in their own
-- language, and the EML's one name where none is given. A JSON object from "fr"/"nl"/"de" to name.
ALTER TABLE election ADD COLUMN names jsonb NOT NULL DEFAULT '{}';
ALTER TABLE contest ADD COLUMN names jsonb NOT NULL DEFAULT '{}';
