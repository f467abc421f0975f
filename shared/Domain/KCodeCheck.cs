namespace HybridVote.Domain;

/// <summary>What checking a typed K-code found (FR009). Closed set of outcomes.</summary>
public abstract record KCodeCheck
{
    private KCodeCheck()
    {
    }

    /// <summary>A genuine code for <paramref name="ElectionId"/> and constituency <paramref name="ContestId"/>; <paramref name="Canonical"/> has no separators.</summary>
    public sealed record Valid(string ElectionId, string Canonical, string ContestId) : KCodeCheck;

    /// <summary>Not 17 symbols of the K-code alphabet.</summary>
    public sealed record Malformed(string Reason) : KCodeCheck;

    /// <summary>The check symbol does not match: most likely a typing error.</summary>
    public sealed record BadCheckSymbol : KCodeCheck;

    /// <summary>Well formed but not issued by this system for any open election.</summary>
    public sealed record Forged : KCodeCheck;
}
