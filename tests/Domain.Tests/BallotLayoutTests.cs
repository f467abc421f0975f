using HybridVote.Ballots;

namespace HybridVote.Domain.Tests;

public sealed class BallotLayoutTests
{
    [Fact]
    public void Pack_ListsInOrder_NeverSplitAndFlowToTheNextColumnAndSheet()
    {
        var blocks = new List<(int, float)> { (1, 300), (2, 300), (3, 500), (4, 100), (5, 550) };
        var layout = BallotLayout.Pack(blocks, columnsPerSheet: 2, columnHeight: 600, gap: 10);
        Assert.Empty(layout.TooTall);
        Assert.Equal([1, 2, 3, 4, 5], layout.Blocks.Select(b => b.ListNumber));
        Assert.All(layout.Blocks, b => Assert.True(b.Top + b.Height <= 600));
        Assert.Equal(3, layout.Sheets);
        Assert.Equal((2, 0), (layout.Blocks[2].Sheet, layout.Blocks[2].Column));
        Assert.Equal((3, 0), (layout.Blocks[4].Sheet, layout.Blocks[4].Column));
    }

    [Fact]
    public void Pack_ListTallerThanAColumn_IsReportedNotPlaced()
    {
        var layout = BallotLayout.Pack([(1, 100), (2, 700)], columnsPerSheet: 3, columnHeight: 600, gap: 10);
        Assert.Equal([2], layout.TooTall);
        Assert.Single(layout.Blocks);
    }

    [Fact]
    public void Render_Ballot_IsAPdfWithEveryList()
    {
        var lists = Enumerable.Range(1, 5).Select(n => new CandidateListDefinition("E", "C", n, $"Liste {n}",
            Enumerable.Range(1, 8).Select(i => $"Ćosić-D'Hondt Anaïs {n}.{i}").ToList(), ["Peeters Jan"])).ToList();
        byte[] pdf = BallotRenderer.Render(new BallotView("Élection", "Bruxelles", new DateOnly(2026, 6, 9), Language.Fr, lists));
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        Assert.Empty(BallotRenderer.Layout(new BallotView("Élection", "Bruxelles", new DateOnly(2026, 6, 9), Language.Fr, lists)).TooTall);
    }

    [Fact]
    public void Render_Label_IsAPdf()
    {
        byte[] pdf = LabelRenderer.Render(new LabelView("Zoë Müller-Özdemir", "Bureau principal", "Rue de la Loi 16, 1000 Bruxelles", "Chambre", "ABCDE-FGHJK-MNPQR-STVWX", Language.De));
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
    }
}
