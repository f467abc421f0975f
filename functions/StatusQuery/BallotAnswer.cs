using HybridVote.Domain;

namespace HybridVote.StatusQuery;

/// <summary>The answer to a K-code check: a ballot status, or "too many checks, wait".</summary>
public abstract record BallotAnswer
{
    private BallotAnswer()
    {
    }

    /// <summary>The check ran.</summary>
    public sealed record Answered(BallotStatus Status) : BallotAnswer;

    /// <summary>The session or the client address used up its checks for now.</summary>
    public sealed record TooManyChecks(TimeSpan RetryAfter) : BallotAnswer;
}
