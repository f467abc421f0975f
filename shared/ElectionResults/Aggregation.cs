namespace HybridVote.ElectionResults;

/// <summary>
/// One counting bureau's figures as its president locked them (or not): the bureau, whether it
/// counts the ballots of voters abroad, whether its sheet is locked, and its figures by field key
/// (the keys of the tally sheet: R, the classes, V, per list and per candidate).
/// </summary>
public sealed record BureauFigures(string Bureau, bool Abroad, bool Locked, IReadOnlyDictionary<string, long> Figures);

/// <summary>Why a constituency's figures cannot be summed: never a partial sum.</summary>
public enum AggregateRefusal
{
    /// <summary>A bureau of the constituency has not locked its sheet.</summary>
    Unlocked = 1,

    /// <summary>A bureau of the constituency gave no figures at all.</summary>
    Missing = 2,

    /// <summary>A bureau's figures were given more than once.</summary>
    Duplicated = 3,

    /// <summary>Figures of a bureau that is not one of the constituency's.</summary>
    Unknown = 4,
}

/// <summary>What summing a constituency's locked bureaus gives.</summary>
public abstract record AggregateOutcome
{
    private AggregateOutcome()
    {
    }

    /// <summary>The constituency's totals, by field key: voters in Belgium, voters abroad, and both together.</summary>
    /// <param name="InBelgium">Summed over the bureaus that count ballots of voters in Belgium.</param>
    /// <param name="Abroad">Summed over the bureaus that count ballots of voters abroad.</param>
    /// <param name="Combined">Both together: each field is InBelgium + Abroad.</param>
    /// <param name="Bureaus">The bureaus summed, in ordinal order.</param>
    public sealed record Totals(IReadOnlyDictionary<string, long> InBelgium, IReadOnlyDictionary<string, long> Abroad, IReadOnlyDictionary<string, long> Combined,
        IReadOnlyList<string> Bureaus) : AggregateOutcome;

    /// <summary>The sum is refused: the reason and the bureaus concerned (ordinal order).</summary>
    public sealed record Refused(AggregateRefusal Reason, IReadOnlyList<string> Bureaus) : AggregateOutcome;
}

/// <summary>
/// Sums the locked figures of a constituency's counting bureaus (REQUIREMENTS §6: "team B sums the
/// hybrid votes per constituency"). Pure, and testable on its own (NL decree Ea 1(2)(e)): the order
/// of the bureaus does not matter, every field's sum is kept exactly (checked arithmetic), and an
/// unlocked, missing, duplicated or unknown bureau refuses the whole sum with a named outcome.
/// </summary>
public static class Aggregation
{
    /// <summary>
    /// The totals of the constituency whose bureaus are <paramref name="expected"/>, from the
    /// figures given; refused in this order of precedence: unknown, duplicated, missing, unlocked.
    /// </summary>
    public static AggregateOutcome Sum(IReadOnlyCollection<string> expected, IEnumerable<BureauFigures> given)
    {
        var all = given.ToList();
        var known = expected.ToHashSet(StringComparer.Ordinal);
        var unknown = Sorted(all.Select(b => b.Bureau).Where(b => !known.Contains(b)));
        if (unknown.Count > 0)
        {
            return new AggregateOutcome.Refused(AggregateRefusal.Unknown, unknown);
        }

        var duplicated = Sorted(all.GroupBy(b => b.Bureau, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
        if (duplicated.Count > 0)
        {
            return new AggregateOutcome.Refused(AggregateRefusal.Duplicated, duplicated);
        }

        var present = all.Select(b => b.Bureau).ToHashSet(StringComparer.Ordinal);
        var missing = Sorted(known.Where(b => !present.Contains(b)));
        if (missing.Count > 0)
        {
            return new AggregateOutcome.Refused(AggregateRefusal.Missing, missing);
        }

        var unlocked = Sorted(all.Where(b => !b.Locked).Select(b => b.Bureau));
        if (unlocked.Count > 0)
        {
            return new AggregateOutcome.Refused(AggregateRefusal.Unlocked, unlocked);
        }

        var inBelgium = Add(all.Where(b => !b.Abroad));
        var abroad = Add(all.Where(b => b.Abroad));
        var combined = Add([new BureauFigures("", false, true, inBelgium), new BureauFigures("", true, true, abroad)]);
        return new AggregateOutcome.Totals(inBelgium, abroad, combined, Sorted(present));
    }

    // Field by field, in ordinal key order so that the same figures give the same dictionary.
    private static SortedDictionary<string, long> Add(IEnumerable<BureauFigures> bureaus)
    {
        var sum = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var bureau in bureaus)
        {
            foreach (var (field, value) in bureau.Figures)
            {
                sum[field] = checked(sum.GetValueOrDefault(field) + value);
            }
        }

        return sum;
    }

    private static List<string> Sorted(IEnumerable<string> bureaus) => [.. bureaus.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
