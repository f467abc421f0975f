namespace HybridVote.Domain;

/// <summary>What happened to a voter's outer envelope for one election (FR008).</summary>
public enum EnvelopeStatus
{
    /// <summary>No envelope scanned yet.</summary>
    NotReceived = 0,

    /// <summary>The first envelope was received and accepted.</summary>
    Accepted = 1,

    /// <summary>The envelope was cancelled because the voter voted in person (HYP04).</summary>
    Cancelled = 2,
}
