namespace HybridVote.Domain;

/// <summary>
/// What a reception bureau received on one day (Brussels time), by the outcome ingest gave each
/// receipt (FR008): received = accepted + cancelled + duplicate + rescan + rejected + pending.
/// </summary>
public sealed record ReceptionDay(DateOnly Day, long Received, long Accepted, long Cancelled, long Duplicate, long Rescan, long Rejected, long Pending)
{
    /// <summary>Every receipt is accounted for exactly once.</summary>
    public bool AddsUp => Received == Accepted + Cancelled + Duplicate + Rescan + Rejected + Pending;
}
