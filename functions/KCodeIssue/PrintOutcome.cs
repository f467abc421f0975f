namespace HybridVote.KCodeIssue;

/// <summary>What the "print my ballot" action produced.</summary>
public abstract record PrintOutcome
{
    private PrintOutcome()
    {
    }

    /// <summary>One K-code per election; shown once, stored nowhere.</summary>
    public sealed record Issued(IReadOnlyList<IssuedCode> Codes) : PrintOutcome;

    /// <summary>No election of the voter is in its issue window.</summary>
    public sealed record IssueClosed : PrintOutcome;

    /// <summary>The voter is not on the hybrid list.</summary>
    public sealed record NotEligible : PrintOutcome;
}

/// <summary>A K-code issued for an election.</summary>
public sealed record IssuedCode(string ElectionId, string ElectionName, string KCode);
