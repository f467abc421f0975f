-- A reception bureau that scans a label already received is asked whether it holds a second
-- physical envelope; only a receipt it confirmed as such counts as a duplicate (FR008). Any other
-- further scan of the label is the same envelope scanned again and changes nothing ('rescan').
ALTER TABLE receipt ADD COLUMN second_envelope boolean NOT NULL DEFAULT false;
