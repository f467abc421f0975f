using FsCheck;
using FsCheck.Fluent;
using HybridVote.ElectionResults;

namespace HybridVote.ElectionResults.Tests;

/// <summary>Summing a constituency's locked bureaus: worked numbers, the refusals, and properties (order, sums, duplicates).</summary>
public sealed class AggregationTests
{
    private static BureauFigures Bureau(string id, bool abroad, params (string Field, long Value)[] figures) =>
        new(id, abroad, true, figures.ToDictionary(f => f.Field, f => f.Value, StringComparer.Ordinal));

    [Fact]
    public void TwoBureausInBelgiumAndOneAbroad_AreSummedApartAndTogether()
    {
        var outcome = Aggregation.Sum(["B1", "B2", "X1"], [
            Bureau("B1", false, ("R", 100), ("V", 95), ("list:1:total", 60)),
            Bureau("X1", true, ("R", 10), ("V", 9), ("list:1:total", 4)),
            Bureau("B2", false, ("R", 50), ("V", 50), ("list:2:total", 50))]);
        var totals = Assert.IsType<AggregateOutcome.Totals>(outcome);
        Assert.Equal(150, totals.InBelgium["R"]);
        Assert.Equal(10, totals.Abroad["R"]);
        Assert.Equal(160, totals.Combined["R"]);
        Assert.Equal(64, totals.Combined["list:1:total"]);
        Assert.Equal(50, totals.Combined["list:2:total"]);
        Assert.False(totals.Abroad.ContainsKey("list:2:total"));
        Assert.Equal(["B1", "B2", "X1"], totals.Bureaus);
    }

    [Fact]
    public void AnUnlockedBureau_RefusesTheWholeSum()
    {
        var outcome = Aggregation.Sum(["B1", "B2"], [Bureau("B1", false, ("R", 1)), new BureauFigures("B2", false, false, new Dictionary<string, long> { ["R"] = 2 })]);
        var refused = Assert.IsType<AggregateOutcome.Refused>(outcome);
        Assert.Equal(AggregateRefusal.Unlocked, refused.Reason);
        Assert.Equal(["B2"], refused.Bureaus);
    }

    [Fact]
    public void AMissingBureau_IsNamed()
    {
        var refused = Assert.IsType<AggregateOutcome.Refused>(Aggregation.Sum(["B1", "B2", "B3"], [Bureau("B2", false, ("R", 1))]));
        Assert.Equal(AggregateRefusal.Missing, refused.Reason);
        Assert.Equal(["B1", "B3"], refused.Bureaus);
    }

    [Fact]
    public void ABureauGivenTwice_OrOneOfAnotherConstituency_IsRefused()
    {
        var twice = Assert.IsType<AggregateOutcome.Refused>(Aggregation.Sum(["B1"], [Bureau("B1", false, ("R", 1)), Bureau("B1", false, ("R", 1))]));
        Assert.Equal(AggregateRefusal.Duplicated, twice.Reason);
        var other = Assert.IsType<AggregateOutcome.Refused>(Aggregation.Sum(["B1"], [Bureau("B1", false, ("R", 1)), Bureau("Z9", false, ("R", 1))]));
        Assert.Equal(AggregateRefusal.Unknown, other.Reason);
        Assert.Equal(["Z9"], other.Bureaus);
    }

    [Fact]
    public void AnOverflowingSum_Throws_RatherThanWrapping()
    {
        Assert.Throws<OverflowException>(() => Aggregation.Sum(["A", "B"], [Bureau("A", false, ("R", long.MaxValue)), Bureau("B", false, ("R", 1))]));
    }

    private static List<BureauFigures> Generate(int[][] raw) =>
        [.. raw.Take(40).Select((values, i) => Bureau("B" + i, i % 5 == 4, [.. (values ?? []).Take(8).Select((v, f) => ("f" + f, (long)Math.Abs(v % 1_000_000)))]))];

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property TheOrderOfTheBureaus_DoesNotMatter_AndEveryFieldsSumIsKept(int[][] raw, int seed)
    {
        var bureaus = Generate(raw ?? []);
        var expected = bureaus.Select(b => b.Bureau).ToList();
        var shuffled = bureaus.OrderBy(b => HashCode.Combine(b.Bureau, seed)).ToList();
        var a = (AggregateOutcome.Totals)Aggregation.Sum(expected, bureaus);
        var b = (AggregateOutcome.Totals)Aggregation.Sum(expected, shuffled);
        var fields = bureaus.SelectMany(x => x.Figures.Keys).Distinct();
        bool sums = fields.All(f => a.Combined[f] == bureaus.Sum(x => x.Figures.GetValueOrDefault(f))
            && a.Combined[f] == a.InBelgium.GetValueOrDefault(f) + a.Abroad.GetValueOrDefault(f)
            && a.Abroad.GetValueOrDefault(f) == bureaus.Where(x => x.Abroad).Sum(x => x.Figures.GetValueOrDefault(f)));
        return (sums && a.Combined.SequenceEqual(b.Combined) && a.InBelgium.SequenceEqual(b.InBelgium) && a.Abroad.SequenceEqual(b.Abroad)).ToProperty();
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property AnyBureauGivenTwice_IsRefused_NeverSummed(int[][] raw, int pick)
    {
        var bureaus = Generate(raw ?? []);
        if (bureaus.Count == 0)
        {
            return true.ToProperty();
        }

        var twice = bureaus[Math.Abs(pick % bureaus.Count)];
        var outcome = Aggregation.Sum([.. bureaus.Select(b => b.Bureau)], [.. bureaus, twice]);
        return (outcome is AggregateOutcome.Refused { Reason: AggregateRefusal.Duplicated } r && r.Bureaus.SequenceEqual([twice.Bureau])).ToProperty();
    }
}
