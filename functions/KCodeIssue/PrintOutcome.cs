namespace HybridVote.KCodeIssue;

/// <summary>What the "print my ballot" action produced.</summary>
public abstract record PrintOutcome
{
    private PrintOutcome()
    {
    }

    /// <summary>One K-code per election, issued at <paramref name="PrintedAt"/>; stored nowhere on the server.</summary>
    public sealed record Issued(IReadOnlyList<IssuedCode> Codes, DateTimeOffset PrintedAt) : PrintOutcome;

    /// <summary>No election of the voter is in its issue window.</summary>
    public sealed record IssueClosed : PrintOutcome;

    /// <summary>The voter is not on the hybrid list.</summary>
    public sealed record NotEligible : PrintOutcome;
}

/// <summary>A K-code issued for an election.</summary>
public sealed record IssuedCode(string ElectionId, string ElectionName, string KCode);

/// <summary>The voter's earlier print: when, and for which elections open now (their names).</summary>
public sealed record PrintedBefore(DateTimeOffset LastPrinted, IReadOnlyList<string> Elections);
