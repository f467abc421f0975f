namespace HybridVote.ElectionResults;

/// <summary>The share of the list votes (ballots with a vote in the head-of-list box only) passed down the list when candidates are designated: Numerator / Denominator, 0 when the devolution is abolished.</summary>
public sealed record ListVoteShare(int Numerator, int Denominator)
{
    /// <summary>No devolution: candidates are ranked by their own preference votes only.</summary>
    public static readonly ListVoteShare None = new(0, 1);

    /// <summary>The number of list votes passed down out of <paramref name="listOnly"/> ballots, rounded down (a part of a ballot is not a vote).</summary>
    public long Of(long listOnly) => Denominator <= 0 ? 0 : (long)((Int128)listOnly * Numerator / Denominator);
}

/// <summary>The rules of one assembly that the seat allocation and the designation need: its code, the threshold in percent of the valid votes and the share of the list votes passed down.</summary>
public sealed record AssemblyRules(string Code, int ThresholdPercent, ListVoteShare Devolution);

/// <summary>
/// The rules per assembly, as configuration and not as constants: the values below are the
/// defaults, each with where it comes from; an election can be given other rules.
/// </summary>
public static class Assemblies
{
    /// <summary>
    /// The defaults. Chamber: 5 % threshold per constituency (Electoral Code art. 165bis) and half
    /// of the list votes passed down (art. 173, as halved in 2000). European Parliament: no
    /// threshold, half of the list votes. Walloon Parliament: 5 %, the devolution abolished from
    /// 2019. Brussels Parliament: 5 % per language group, half of the list votes. Flemish
    /// Parliament: 5 %, a third of the list votes in 2019 (rtbf.be, "Élections 2019: quelle
    /// conséquence si je vote en case de tête?"). The devolution rules were read from those
    /// public explanations of the law, not from the consolidated text; docs/results.md says so.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, AssemblyRules> Defaults = new Dictionary<string, AssemblyRules>(StringComparer.Ordinal)
    {
        ["chamber"] = new("chamber", 5, new ListVoteShare(1, 2)),
        ["european-parliament"] = new("european-parliament", 0, new ListVoteShare(1, 2)),
        ["walloon-parliament"] = new("walloon-parliament", 5, ListVoteShare.None),
        ["brussels-parliament"] = new("brussels-parliament", 5, new ListVoteShare(1, 2)),
        ["flemish-parliament"] = new("flemish-parliament", 5, new ListVoteShare(1, 3)),
    };
}
