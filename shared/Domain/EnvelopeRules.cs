namespace HybridVote.Domain;

/// <summary>
/// Precedence of votes (FR008, HYP04): an in-person vote wins over every hybrid envelope, and
/// within the hybrid mode only the first envelope counts. The rules give the same final state
/// whatever the order in which receipts and the in-person list arrive.
/// </summary>
public static class EnvelopeRules
{
    /// <summary>
    /// Applies one scanned envelope. Once an envelope was received, a further scan is the same
    /// envelope scanned again and changes nothing, unless the bureau confirmed it holds a second
    /// physical envelope (<paramref name="secondEnvelope"/>): only that one counts as a duplicate.
    /// </summary>
    public static EnvelopeState ApplyReceipt(EnvelopeState state, DateTimeOffset scannedAt, string bureauId, bool secondEnvelope = false)
    {
        if (state.ReceivedAt is not null)
        {
            return secondEnvelope ? state with { Duplicates = state.Duplicates + 1 } : state;
        }

        var status = state.VotedInPerson ? EnvelopeStatus.Cancelled : EnvelopeStatus.Accepted;
        return state with { Status = status, ReceivedAt = scannedAt, BureauId = bureauId };
    }

    /// <summary>Applies the voter's presence on the in-person list.</summary>
    public static EnvelopeState ApplyInPersonVote(EnvelopeState state) => state with
    {
        VotedInPerson = true,
        Status = state.ReceivedAt is null ? EnvelopeStatus.NotReceived : EnvelopeStatus.Cancelled,
    };
}
