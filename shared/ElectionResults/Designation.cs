namespace HybridVote.ElectionResults;

/// <summary>A candidate's preference votes, the candidates given in the order of the list.</summary>
public sealed record CandidateVotes(string Candidate, long Votes);

/// <summary>How a candidate came to be designated.</summary>
public enum DesignatedBy
{
    /// <summary>Their own preference votes reached the eligibility figure.</summary>
    OwnVotes = 1,

    /// <summary>List votes passed down the list brought them to the eligibility figure.</summary>
    ListVotes = 2,

    /// <summary>A seat left after those: the most votes (own plus passed down), list order on equal votes.</summary>
    MostVotes = 3,
}

/// <summary>One designated candidate: who, their own votes, the list votes passed to them, and how.</summary>
public sealed record DesignatedCandidate(string Candidate, long OwnVotes, long Transferred, DesignatedBy By)
{
    /// <summary>Own votes plus the list votes passed down.</summary>
    public long Total => OwnVotes + Transferred;
}

/// <summary>A list's designation: the eligibility figure, the list votes passed down, the elected effectives in the order designated, and every substitute ranked.</summary>
public sealed record ListDesignation(long EligibilityFigure, long ListVotesPassed, IReadOnlyList<DesignatedCandidate> Elected, IReadOnlyList<DesignatedCandidate> Substitutes);

/// <summary>
/// Designation of the elected candidates of a list (Electoral Code art. 172–174, as explained by
/// CRISP, "Dévolution des sièges"): the eligibility figure is the list's votes divided by its seats
/// plus one, rounded up; a share of the list votes (head-of-list box only) is passed down the list in
/// its order, to each candidate under the figure as much as they lack, until it runs out; those at
/// the figure are elected; seats left go to the most votes, the list's order deciding equal votes.
/// The substitutes are ranked the same way with the same share passed down again. The share is
/// a rule of the assembly (<see cref="Assemblies"/>). Pure; whole numbers only.
/// </summary>
public static class Designation
{
    /// <summary>
    /// Designates <paramref name="seats"/> effectives of a list with <paramref name="listVotes"/>
    /// valid ballots, of which <paramref name="listOnly"/> with a vote in the head-of-list box only,
    /// and ranks every substitute.
    /// </summary>
    public static ListDesignation Designate(IReadOnlyList<CandidateVotes> effectives, IReadOnlyList<CandidateVotes> substitutes, long listVotes, long listOnly, int seats, ListVoteShare share)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seats);
        long figure = (listVotes + seats) / (seats + 1); // ⌈listVotes ÷ (seats + 1)⌉
        long passed = share.Of(listOnly);
        return new ListDesignation(figure, passed, Rank(effectives, Math.Min(seats, effectives.Count), figure, passed), Rank(substitutes, substitutes.Count, figure, passed));
    }

    // The first <count> candidates designated, in the order designated.
    private static List<DesignatedCandidate> Rank(IReadOnlyList<CandidateVotes> candidates, int count, long figure, long pot)
    {
        var transferred = new long[candidates.Count];
        for (int i = 0; i < candidates.Count && pot > 0; i++)
        {
            long lacking = figure - candidates[i].Votes;
            if (lacking > 0)
            {
                transferred[i] = Math.Min(lacking, pot);
                pot -= transferred[i];
            }
        }

        // At the figure first (by total, then list order), then the most votes, list order on equal votes.
        var order = Enumerable.Range(0, candidates.Count)
            .OrderByDescending(i => candidates[i].Votes + transferred[i] >= figure)
            .ThenByDescending(i => candidates[i].Votes + transferred[i])
            .ThenBy(i => i)
            .Take(count);
        return [.. order.Select(i => new DesignatedCandidate(candidates[i].Candidate, candidates[i].Votes, transferred[i],
            candidates[i].Votes >= figure ? DesignatedBy.OwnVotes : candidates[i].Votes + transferred[i] >= figure ? DesignatedBy.ListVotes : DesignatedBy.MostVotes))];
    }
}
