using FsCheck;
using FsCheck.Fluent;
using HybridVote.ElectionResults;

namespace HybridVote.ElectionResults.Tests;

/// <summary>Brussels language groups, the designation of elected candidates (Electoral Code art. 172–174) and more seat properties.</summary>
public sealed class DesignationTests
{
    private static readonly CandidateVotes[] NoSubstitutes = [];

    [Fact]
    public void EligibilityFigure_IsTheListsVotesOverSeatsPlusOne_RoundedUp()
    {
        // CRISP's example: 60,000 votes, 5 seats: 60,000 ÷ 6 = 10,000.
        Assert.Equal(10_000, Designation.Designate([new("A", 1)], NoSubstitutes, 60_000, 0, 5, ListVoteShare.None).EligibilityFigure);
        // 60,001 ÷ 6 = 10,000.17 → 10,001.
        Assert.Equal(10_001, Designation.Designate([new("A", 1)], NoSubstitutes, 60_001, 0, 5, ListVoteShare.None).EligibilityFigure);
    }

    [Fact]
    public void HalfTheListVotes_ArePassedDownInListOrder_UntilTheyRunOut()
    {
        // 3 seats, 40,000 ballots: figure 10,000. 9,001 list-only ballots, half passed down: 4,500.
        // First: 8,000 + 2,000 = 10,000 (elected by list votes). Second: 7,000 + 2,500 = 9,500, the pot is empty.
        // Fourth reaches the figure on own votes (12,000). The third seat goes to the most votes: second (9,500) before fifth (9,400).
        var result = Designation.Designate(
            [new("first", 8_000), new("second", 7_000), new("third", 1_000), new("fourth", 12_000), new("fifth", 9_400)], NoSubstitutes, 40_000, 9_001, 3, new ListVoteShare(1, 2));
        Assert.Equal(4_500, result.ListVotesPassed);
        Assert.Equal(["fourth", "first", "second"], result.Elected.Select(c => c.Candidate));
        Assert.Equal([DesignatedBy.OwnVotes, DesignatedBy.ListVotes, DesignatedBy.MostVotes], result.Elected.Select(c => c.By));
        Assert.Equal([0L, 2_000L, 2_500L], result.Elected.Select(c => c.Transferred));
    }

    [Fact]
    public void WithoutDevolution_TheMostPreferenceVotesWin_ListOrderOnEqualVotes()
    {
        var result = Designation.Designate([new("head", 500), new("second", 900), new("third", 900)], NoSubstitutes, 10_000, 6_000, 1, ListVoteShare.None);
        Assert.Equal(["second"], result.Elected.Select(c => c.Candidate));
        Assert.Equal(0, result.ListVotesPassed);
    }

    [Fact]
    public void Substitutes_AreRankedSeparately_WithTheListVotesPassedAgain()
    {
        var result = Designation.Designate([new("E1", 3_000), new("E2", 100)], [new("S1", 200), new("S2", 2_900), new("S3", 100)], 6_000, 2_000, 1, new ListVoteShare(1, 2));
        // Figure 3,000; E1 on own votes. Substitutes: S1 200 + 1,000 = 1,200; ranked S2 (2,900), S1 (1,200), S3 (100).
        Assert.Equal(["E1"], result.Elected.Select(c => c.Candidate));
        Assert.Equal(["S2", "S1", "S3"], result.Substitutes.Select(c => c.Candidate));
        Assert.Equal(1_000, result.Substitutes[1].Transferred);
    }

    [Fact]
    public void Brussels_SeventyTwoFrenchAndSeventeenDutch_ThresholdPerGroup()
    {
        // The threshold is counted per group: "NL-small" has 4.86 % of the Dutch group and gets no seat, while
        // Open Vld, with 3.7 % of the region's votes but 24 % of its group, takes part.
        var outcome = LanguageGroups.Allocate([
            new("FR", LanguageGroups.BrusselsFrench, [new("MR", 100_000), new("PS", 80_000), new("Ecolo", 60_000), new("DéFI", 30_000)]),
            new("NL", LanguageGroups.BrusselsDutch, [new("Groen", 20_000), new("N-VA", 15_000), new("Open Vld", 12_000), new("NL-small", 2_400)])], 5);
        var fr = Assert.IsType<SeatOutcome.Allocated>(outcome[0].Outcome);
        var nl = Assert.IsType<SeatOutcome.Allocated>(outcome[1].Outcome);
        Assert.Equal(72, fr.Seats.Sum(s => s.Seats));
        Assert.Equal(17, nl.Seats.Sum(s => s.Seats));
        Assert.Equal(["NL-small"], nl.BelowThreshold);
        Assert.True(nl.Seats.Single(s => s.List == "Open Vld").Seats > 0);
        // Worked: FR 270,000 votes for 72 seats: MR 27, PS 21, Ecolo 16, DéFI 8. The last seat given is MR's 27th
        // (100,000 ÷ 27 = 3,703.7); the best quotient left is PS's 80,000 ÷ 22 = 3,636.4.
        Assert.Equal([("MR", 27), ("PS", 21), ("Ecolo", 16), ("DéFI", 8)], fr.Seats);
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property AListsSeats_NeverFall_WhenOnlyItsOwnVotesRise(int[] raw, byte seatCount, byte which, ushort more)
    {
        var lists = (raw ?? []).Take(10).Select((v, i) => new ListVotes("L" + i, Math.Abs((long)v) % 50_000 + 1 + i)).ToList();
        if (lists.Count == 0)
        {
            return true.ToProperty();
        }

        int seats = seatCount % 30;
        int k = which % lists.Count;
        var before = SeatAllocation.DHondt(lists, seats, 0);
        var raised = lists.Select((l, i) => i == k ? l with { Votes = l.Votes + more } : l).ToList();
        var after = SeatAllocation.DHondt(raised, seats, 0);
        if (before is not SeatOutcome.Allocated b || after is not SeatOutcome.Allocated a)
        {
            return true.ToProperty();
        }

        return (a.Seats[k].Seats >= b.Seats[k].Seats && a.Seats.Sum(s => s.Seats) == seats).ToProperty();
    }
}
