namespace HybridVote.Domain;

/// <summary>
/// What a reception bureau received on one day (Brussels time), by the outcome ingest gave each
/// receipt (FR008): received = accepted + cancelled + duplicate + rescan + rejected + pending.
/// </summary>
public sealed record ReceptionDay(DateOnly Day, long Received, long Accepted, long Cancelled, long Duplicate, long Rescan, long Rejected, long Pending)
{
    /// <summary>Every receipt is accounted for exactly once.</summary>
    public bool AddsUp => Received == Accepted + Cancelled + Duplicate + Rescan + Rejected + Pending;

    /// <summary>
    /// Envelopes the bureau set aside unopened: cancelled (voted in person), confirmed second
    /// envelopes and rejected ones (another constituency, unknown label, late). A rescan is no
    /// envelope of its own.
    /// </summary>
    public long SetAside => Cancelled + Duplicate + Rejected;

    /// <summary>The sum of several days.</summary>
    public static ReceptionDay Total(IEnumerable<ReceptionDay> days) => days.Aggregate(new ReceptionDay(default, 0, 0, 0, 0, 0, 0, 0), (t, d) => new ReceptionDay(default,
        t.Received + d.Received, t.Accepted + d.Accepted, t.Cancelled + d.Cancelled, t.Duplicate + d.Duplicate, t.Rescan + d.Rescan, t.Rejected + d.Rejected, t.Pending + d.Pending));
}

/// <summary>
/// The president's close of a bureau's intake: when, by whom (pseudonym), and the envelopes the
/// bureau counted by hand in its two piles — those for counting (accepted) and those set aside.
/// </summary>
public sealed record ReceptionClose(DateTimeOffset ClosedAt, string ClosedBy, long CountedAccepted, long CountedSetAside)
{
    /// <summary>Whether the hand counts are the system's: accepted = accepted, set aside = cancelled + duplicate + rejected.</summary>
    public bool Agrees(ReceptionDay total) => CountedAccepted == total.Accepted && CountedSetAside == total.SetAside;
}

/// <summary>Why a president may not close a bureau's intake now.</summary>
public enum CloseRefusal
{
    /// <summary>In-person voting has not closed yet: envelopes may still arrive (FR012).</summary>
    BeforeTheDeadline = 1,

    /// <summary>Some receipts are still being processed: the counts are not final yet.</summary>
    ReceiptsPending = 2,

    /// <summary>Intake is already closed.</summary>
    AlreadyClosed = 3,

    /// <summary>The hand counts differ from the system's and the president has not confirmed them after counting again.</summary>
    CountsDiffer = 4,
}

/// <summary>The rules of closing a reception bureau's intake (FR008, FR012). Pure.</summary>
public static class ReceptionRules
{
    /// <summary>Why <paramref name="close"/> may not be recorded now, or null when it may.</summary>
    public static CloseRefusal? Refusal(ReceptionClose close, DateTimeOffset inPersonClose, ReceptionDay total, bool alreadyClosed, bool countedAgain)
    {
        if (alreadyClosed)
        {
            return CloseRefusal.AlreadyClosed;
        }

        if (close.ClosedAt < inPersonClose)
        {
            return CloseRefusal.BeforeTheDeadline;
        }

        if (total.Pending > 0)
        {
            return CloseRefusal.ReceiptsPending;
        }

        // A difference is shown to the president, who counts again; only then is it recorded as typed
        // (reconciliation then fails until it is explained).
        return close.Agrees(total) || countedAgain ? null : CloseRefusal.CountsDiffer;
    }
}
