using HybridVote.Domain;

namespace HybridVote.ElectionResults;

/// <summary>What a count report is about: the election event, the election, the constituency with its languages and seats.</summary>
public sealed record CountHeader(string EventId, string ElectionId, string ElectionName, string ContestId, string ContestName, string Languages, int Seats);

/// <summary>A bureau's lock as stored: the canonical snapshot, its SHA-256, the version, when and by whom.</summary>
public sealed record LockedSheet(string Canonical, string Sha256, int Version, DateTimeOffset LockedAt, string LockedBy);

/// <summary>A bureau of the constituency as loaded: whether it counts ballots of voters abroad, its lock (null while unlocked) and what its reception received (null when it received nothing).</summary>
public sealed record BureauSheet(string Id, string Name, bool Abroad, LockedSheet? Lock, ReceptionDay? Reception);

/// <summary>A locked bureau's count: its sheet and the president's explanations read back from the lock's snapshot.</summary>
public sealed record BureauCount(string Id, string Name, bool Abroad, TallySheet Sheet, IReadOnlyDictionary<string, string> Explanations, LockedSheet Lock, ReceptionDay? Reception);

/// <summary>How a check of the catalogue stands on a locked sheet, for the PV.</summary>
public enum CheckStanding
{
    /// <summary>The check passes.</summary>
    Met = 1,

    /// <summary>A warning was raised and the president explained it before the lock.</summary>
    Explained = 2,

    /// <summary>An error check fails on the locked figures: the lock should not have been possible.</summary>
    NotMet = 3,
}

/// <summary>A check's line on the PV: the check, how it stands, and the president's explanation when there is one.</summary>
public sealed record CheckLine(CheckDefinition Check, CheckStanding Standing, string? Explanation);

/// <summary>
/// A constituency's count from its locked bureaus: the header, the lists and candidates, every
/// bureau's locked sheet, and the sums — voters in Belgium, abroad and both (REQUIREMENTS §6). What
/// the PV, EML 510, CSV and JSON are written from.
/// </summary>
public sealed record ConstituencyCount(CountHeader Header, IReadOnlyList<CandidateListDefinition> Lists, IReadOnlyList<BureauCount> Bureaus,
    TallySheet InBelgium, TallySheet Abroad, TallySheet Combined)
{
    /// <summary>The tally sheet's fields for these lists.</summary>
    public TallyLayout Layout { get; } = CountReports.LayoutOf(Lists);

    /// <summary>When the last of the bureaus locked: the report's date, so the same locks give the same bytes.</summary>
    public DateTimeOffset LastLock => Bureaus.Count == 0 ? DateTimeOffset.UnixEpoch : Bureaus.Max(b => b.Lock.LockedAt);
}

/// <summary>Builds a constituency's count from its bureaus' locks with <see cref="Aggregation"/>: all locked, or a named refusal.</summary>
public static class CountReports
{
    /// <summary>The layout of the tally sheet of these lists.</summary>
    public static TallyLayout LayoutOf(IReadOnlyList<CandidateListDefinition> lists) => TallyLayout.Of(lists);

    /// <summary>The constituency's count, or why it cannot be made (an unlocked bureau: never a partial sum, FR012).</summary>
    public static (ConstituencyCount? Count, AggregateOutcome.Refused? Refused) Build(CountHeader header, IReadOnlyList<CandidateListDefinition> lists, IReadOnlyList<BureauSheet> bureaus)
    {
        var layout = LayoutOf(lists);
        var counts = bureaus.Where(b => b.Lock is not null)
            .Select(b => new BureauCount(b.Id, b.Name, b.Abroad, TallyLock.Parse(b.Lock!.Canonical, layout), TallyLock.Explanations(b.Lock.Canonical), b.Lock, b.Reception))
            .OrderBy(b => b.Id, StringComparer.Ordinal).ToList();
        var sheets = counts.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Sheet.Values, StringComparer.Ordinal);
        var outcome = Aggregation.Sum([.. bureaus.Select(b => b.Id).Distinct(StringComparer.Ordinal)],
            bureaus.Select(b => new BureauFigures(b.Id, b.Abroad, b.Lock is not null, b.Lock is null ? new Dictionary<string, long>() : sheets[b.Id])));
        return outcome switch
        {
            AggregateOutcome.Totals t => (new ConstituencyCount(header, [.. lists.OrderBy(l => l.Number)], counts, Sheet(t.InBelgium, layout), Sheet(t.Abroad, layout), Sheet(t.Combined, layout)), null),
            AggregateOutcome.Refused r => (null, r),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>
    /// Every check of the catalogue on a locked sheet: the ones that need only the sheet are evaluated
    /// again (an error failing here means the stored figures are not the ones checked at the lock);
    /// the others stand as the lock left them — met, or explained by the president.
    /// </summary>
    public static IReadOnlyList<CheckLine> Checks(BureauCount bureau, TallyLayout layout)
    {
        var context = new CheckContext(layout);
        return [.. TallyChecks.All.Select(check =>
        {
            bool failing = check.Evaluate(bureau.Sheet, context).Any();
            string? explanation = bureau.Explanations.GetValueOrDefault(check.Code);
            return check.Severity == CheckSeverity.Error
                ? new CheckLine(check, failing ? CheckStanding.NotMet : CheckStanding.Met, null)
                : new CheckLine(check, explanation is null ? CheckStanding.Met : CheckStanding.Explained, explanation);
        })];
    }

    // Every field of the layout, 0 where no bureau had a figure.
    private static TallySheet Sheet(IReadOnlyDictionary<string, long> sums, TallyLayout layout) =>
        new(layout.Fields.ToDictionary(f => f, f => sums.GetValueOrDefault(f), StringComparer.Ordinal));
}
