-- Reject reasons are stable codes decided by the domain rules (HybridVote.Domain.RejectReasons),
-- no longer English sentences: the words for people come from the page layer in FR/NL/DE.
UPDATE receipt_reject SET reason = CASE reason
    WHEN 'unknown label token' THEN 'unknown-label-token'
    WHEN 'wrong election for this bureau' THEN 'wrong-election'
    WHEN 'wrong bureau for the constituency' THEN 'wrong-bureau'
    WHEN 'after the deadline' THEN 'after-deadline'
    ELSE reason END;

ALTER TABLE receipt_reject ADD CONSTRAINT receipt_reject_reason_code
    CHECK (reason IN ('unknown-label-token', 'wrong-election', 'wrong-bureau', 'after-deadline'));
