-- When a pinned bureau certificate stops being valid, so operators are warned before a bureau's
-- scanner or counting client is refused on election day (the alert on certificate expiry).
ALTER TABLE bureau_credential ADD COLUMN not_after timestamptz;
