-- The audit trail as 16 hash chains (TR008, SEC007): an event joins the chain of its actor, so
-- concurrent prints by different voters no longer wait for one another's commit to append; each
-- chain is verified on its own (`hv audit verify`). Existing events form chain 0.
ALTER TABLE audit_event ADD COLUMN chain smallint NOT NULL DEFAULT 0;
CREATE INDEX audit_event_chain ON audit_event (chain, id);
