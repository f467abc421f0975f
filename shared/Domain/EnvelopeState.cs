namespace HybridVote.Domain;

/// <summary>The voter-side envelope record for one election.</summary>
/// <param name="Status">Current status.</param>
/// <param name="ReceivedAt">When the first envelope was scanned (UTC).</param>
/// <param name="BureauId">The bureau that scanned the first envelope.</param>
/// <param name="Duplicates">Further envelopes received after the first one.</param>
/// <param name="VotedInPerson">The voter is on the in-person list.</param>
public sealed record EnvelopeState(EnvelopeStatus Status, DateTimeOffset? ReceivedAt, string? BureauId, int Duplicates, bool VotedInPerson)
{
    /// <summary>The state before anything happened.</summary>
    public static EnvelopeState Initial { get; } = new(EnvelopeStatus.NotReceived, null, null, 0, false);
}
