namespace HybridVote.Domain;

/// <summary>What a voter learns from a K-code (FR009). Never the content of the vote.</summary>
public abstract record BallotStatus
{
    private BallotStatus()
    {
    }

    /// <summary>A genuine code; no ballot with it has been counted yet.</summary>
    public sealed record NotCountedYet(string ElectionId) : BallotStatus;

    /// <summary>The ballot was counted; <paramref name="Copies"/> ballots carried this code (the first counts).</summary>
    public sealed record Counted(string ElectionId, DateOnly CountedOn, int Copies) : BallotStatus;

    /// <summary>The code is not valid (typing error or not issued here).</summary>
    public sealed record Invalid(KCodeCheck Reason) : BallotStatus;
}
