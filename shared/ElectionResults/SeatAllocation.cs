namespace HybridVote.ElectionResults;

/// <summary>A list's votes in a constituency (or a language group): the list's name or number, and its votes.</summary>
public sealed record ListVotes(string List, long Votes);

/// <summary>One seat given: which seat, to which list, and the quotient that won it (the list's votes ÷ the divisor, kept exact).</summary>
public sealed record SeatStep(int Seat, string List, long Votes, int Divisor);

/// <summary>What a seat allocation gives: the seats, or a tie the data cannot settle.</summary>
public abstract record SeatOutcome
{
    private SeatOutcome()
    {
    }

    /// <summary>Every seat is given.</summary>
    /// <param name="Seats">Seats per list, in the order the lists were given (0 for a list that got none).</param>
    /// <param name="Steps">Who got each seat and with which quotient, in order: the step table of the PV.</param>
    /// <param name="BelowThreshold">The lists left out because they stayed under the threshold.</param>
    public sealed record Allocated(IReadOnlyList<(string List, int Seats)> Seats, IReadOnlyList<SeatStep> Steps, IReadOnlyList<string> BelowThreshold) : SeatOutcome;

    /// <summary>
    /// Lists with the same quotient and the same vote total compete for fewer seats than they are:
    /// Belgian law then looks at the competing candidates' votes and their age, which the list totals
    /// do not hold. The seats before <paramref name="Seat"/> are given in <paramref name="Steps"/>.
    /// </summary>
    public sealed record Tied(int Seat, IReadOnlyList<string> Lists, IReadOnlyList<SeatStep> Steps) : SeatOutcome;
}

/// <summary>
/// Seat allocation by the D'Hondt divisors 1, 2, 3, … (Electoral Code art. 167; for the European
/// Parliament, the law of 23 March 1989 art. 21), in exact integer arithmetic: quotients a/b and
/// c/d are compared as a·d and c·b, never as floating point. Pure, and testable on its own (NL
/// decree Ea 1(2)(e)).
/// </summary>
public static class SeatAllocation
{
    /// <summary>
    /// Allocates <paramref name="seats"/> among the lists that reach <paramref name="thresholdPercent"/>
    /// of the valid votes (the sum of all lists' votes): a list is kept when votes × 100 ≥ threshold ×
    /// total (Electoral Code art. 165bis: 5 % for the Chamber; 0 for the European Parliament colleges).
    /// Equal quotients go to the list with more votes (art. 167); a tie beyond that is returned.
    /// </summary>
    public static SeatOutcome DHondt(IReadOnlyList<ListVotes> lists, int seats, int thresholdPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seats);
        ArgumentOutOfRangeException.ThrowIfNegative(thresholdPercent);
        long total = lists.Sum(l => l.Votes);
        var eligible = lists.Where(l => l.Votes > 0 && (Int128)l.Votes * 100 >= (Int128)thresholdPercent * total).ToList();
        var given = lists.ToDictionary(l => l.List, _ => 0, StringComparer.Ordinal);
        var steps = new List<SeatStep>();
        for (int seat = 1; seat <= seats && eligible.Count > 0; seat++)
        {
            // The highest quotient votes ÷ (seats so far + 1); among equal quotients, more votes first.
            var best = eligible.OrderByDescending(l => l, Comparer<ListVotes>.Create((a, b) => Compare(a, given[a.List] + 1, b, given[b.List] + 1)))
                .ThenByDescending(l => l.Votes).ToList();
            var top = best[0];
            var tied = best.TakeWhile(l => l.Votes == top.Votes && given[l.List] == given[top.List]).ToList();
            if (tied.Count > seats - seat + 1)
            {
                return new SeatOutcome.Tied(seat, [.. tied.Select(l => l.List)], steps);
            }

            given[top.List]++;
            steps.Add(new SeatStep(seat, top.List, top.Votes, given[top.List]));
        }

        return new SeatOutcome.Allocated([.. lists.Select(l => (l.List, given[l.List]))], steps, [.. lists.Where(l => !eligible.Contains(l)).Select(l => l.List)]);
    }

    // a.Votes / da compared with b.Votes / db, exactly.
    private static int Compare(ListVotes a, int da, ListVotes b, int db) => ((Int128)a.Votes * db).CompareTo((Int128)b.Votes * da);
}
