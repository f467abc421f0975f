using HybridVote.ElectionResults;

namespace HybridVote.ElectionResults.Tests;

/// <summary>Seat allocation by D'Hondt (Electoral Code art. 165bis, 167) on worked numbers, its threshold boundaries, ties and properties.</summary>
public sealed class SeatAllocationTests
{
    private static IReadOnlyList<(string, int)> Seats(SeatOutcome outcome) => Assert.IsType<SeatOutcome.Allocated>(outcome).Seats;

    [Fact]
    public void WorkedExample_EightSeats_FourListsGetFourThreeOneAndNone()
    {
        // Quotients: A 100000, 50000, 33333⅓, 25000; B 80000, 40000, 26666⅔; C 30000; the eighth is A's 25000.
        var outcome = SeatAllocation.DHondt([new("A", 100_000), new("B", 80_000), new("C", 30_000), new("D", 20_000)], 8, 0);
        Assert.Equal([("A", 4), ("B", 3), ("C", 1), ("D", 0)], Seats(outcome));
        var steps = ((SeatOutcome.Allocated)outcome).Steps;
        Assert.Equal(["A", "B", "A", "B", "A", "C", "B", "A"], steps.Select(s => s.List));
        Assert.Equal(new SeatStep(8, "A", 100_000, 4), steps[^1]);
    }

    [Fact]
    public void Chamber2019_BrabantWallon_FiveSeats_AsPublished()
    {
        // Published shares of the valid votes (canalzoom.be, "Résultats des élections 2019 en Brabant
        // wallon"), in hundredths of a percent — D'Hondt depends only on the ratios. Published seats:
        // MR 3, Ecolo 1, PS 1. Threshold 5 % (art. 165bis): Destexhe and PP are under it.
        var outcome = SeatAllocation.DHondt(
            [new("MR", 3497), new("Ecolo", 1977), new("PS", 1526), new("cdH", 761), new("PTB", 739), new("DéFI", 611), new("Listes Destexhe", 255), new("PP", 246)], 5, 5);
        Assert.Equal([("MR", 3), ("Ecolo", 1), ("PS", 1), ("cdH", 0), ("PTB", 0), ("DéFI", 0), ("Listes Destexhe", 0), ("PP", 0)], Seats(outcome));
        Assert.Equal(["Listes Destexhe", "PP"], ((SeatOutcome.Allocated)outcome).BelowThreshold);
    }

    [Fact]
    public void Chamber2019_Namur_SixSeats_ThePtbTakesASeatFromTheMr_AsPublished()
    {
        // Published shares (dhnet.be, "Elections 2019: à Namur, le PS et le MR mènent la danse…", all 209
        // bureaus counted): PS 22.1 %, MR 19.8 %, Ecolo 15.2 %, PTB 11.9 %, DéFI under 5 %; the cdH's share is
        // not given ("stable, +0.9"), and any share between 11.1 % and 19.8 % gives the same seats: 17.0 here.
        // Published: PS 2, MR 1, cdH 1, Ecolo 1, PTB 1 — the PTB's 1,190 beats PS's second quotient 1,105,
        // which beats MR's 990. The rest (9.4 %) is spread over lists under the threshold.
        var outcome = SeatAllocation.DHondt(
            [new("PS", 2210), new("MR", 1980), new("cdH", 1700), new("Ecolo", 1520), new("PTB", 1190), new("DéFI", 450), new("Others 1", 250), new("Others 2", 240), new("Others 3", 240)], 6, 5);
        Assert.Equal([("PS", 2), ("MR", 1), ("cdH", 1), ("Ecolo", 1), ("PTB", 1), ("DéFI", 0), ("Others 1", 0), ("Others 2", 0), ("Others 3", 0)], Seats(outcome));
    }

    [Fact]
    public void Threshold_FivePercentOfTheValidVotes_ExactlyFiveIsIn_OneVoteLessIsOut()
    {
        // Art. 165bis: a list takes part only with at least 5 % of the valid votes: 500 of 10,000 is in, 499 of 9,999 is not.
        var atFive = SeatAllocation.DHondt([new("A", 6_000), new("B", 3_500), new("C", 500)], 20, 5);
        Assert.Empty(((SeatOutcome.Allocated)atFive).BelowThreshold);
        var under = SeatAllocation.DHondt([new("A", 6_000), new("B", 3_500), new("C", 499)], 20, 5);
        Assert.Equal(["C"], ((SeatOutcome.Allocated)under).BelowThreshold);
        Assert.Equal(0, Seats(under).Single(s => s.Item1 == "C").Item2);
        // Without a threshold (European Parliament colleges) the same list takes part.
        Assert.Empty(((SeatOutcome.Allocated)SeatAllocation.DHondt([new("A", 6_000), new("B", 3_500), new("C", 499)], 20, 0)).BelowThreshold);
    }

    [Fact]
    public void EqualQuotients_GoToTheListWithMoreVotes()
    {
        // A 6000 ÷ 2 = 3000 = B 3000 ÷ 1 for the second seat: A has more votes (art. 167).
        var outcome = SeatAllocation.DHondt([new("B", 3_000), new("A", 6_000)], 2, 0);
        Assert.Equal([("B", 0), ("A", 2)], Seats(outcome));
    }

    [Fact]
    public void EqualQuotientsAndEqualVotes_ForFewerSeats_AreATieNotACrash()
    {
        var outcome = SeatAllocation.DHondt([new("A", 5_000), new("B", 5_000), new("C", 1_000)], 1, 0);
        var tie = Assert.IsType<SeatOutcome.Tied>(outcome);
        Assert.Equal(1, tie.Seat);
        Assert.Equal(["A", "B"], tie.Lists.Order());
        // With a seat for each, there is nothing to decide.
        Assert.Equal([("A", 1), ("B", 1), ("C", 0)], Seats(SeatAllocation.DHondt([new("A", 5_000), new("B", 5_000), new("C", 1_000)], 2, 0)));
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool EverySeatIsGiven_ToAListAboveTheThreshold_AndTheOrderOfTheListsDoesNotMatter(int[] raw, byte seatCount)
    {
        var lists = (raw ?? []).Take(12).Select((v, i) => new ListVotes("L" + i, Math.Abs((long)v) % 100_000 + i)).ToList();
        int seats = seatCount % 40;
        var forward = SeatAllocation.DHondt(lists, seats, 5);
        var backward = SeatAllocation.DHondt([.. Enumerable.Reverse(lists)], seats, 5);
        if (forward is SeatOutcome.Tied || backward is SeatOutcome.Tied)
        {
            return forward.GetType() == backward.GetType();
        }

        var a = ((SeatOutcome.Allocated)forward).Seats.ToDictionary(s => s.List, s => s.Seats);
        var b = ((SeatOutcome.Allocated)backward).Seats.ToDictionary(s => s.List, s => s.Seats);
        long total = lists.Sum(l => l.Votes);
        bool anyEligible = lists.Any(l => l.Votes > 0 && l.Votes * 100 >= 5 * total);
        return a.OrderBy(p => p.Key).SequenceEqual(b.OrderBy(p => p.Key)) && a.Values.Sum() == (anyEligible ? seats : 0)
            && lists.All(l => a[l.List] == 0 || l.Votes * 100 >= 5 * total);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("lists,votes\nA,1", "line 1: the header")]
    [InlineData("list,votes\nA,12\nB,many", "line 3: the votes of list B")]
    [InlineData("list,votes\nA,12\nA,3", "line 3: list A appears twice")]
    [InlineData("list,votes\n12", "line 2: expected a list")]
    [InlineData("list,votes\nA,-4", "line 2: the votes of list A")]
    public void AMalformedVotesFile_IsToldWithItsLine(string text, string sentence)
    {
        var (lists, problem) = SeatsFile.Read(text.Length == 0 ? [] : text.Split('\n'));
        Assert.Null(lists);
        Assert.StartsWith(sentence, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AVotesFile_IsReadInItsOrder()
    {
        var (lists, problem) = SeatsFile.Read(["list,votes\r", "PS,120\r", "\"N-VA, Vlaams\",80", ""]);
        Assert.Null(problem);
        Assert.Equal([new ListVotes("PS", 120), new ListVotes("N-VA, Vlaams", 80)], lists);
    }
}
