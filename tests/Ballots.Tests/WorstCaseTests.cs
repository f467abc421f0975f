using HybridVote.Domain;

namespace HybridVote.Ballots.Tests;

public sealed class WorstCaseTests
{
    [Fact]
    public void SeventeenFullLists_FitWithoutSplitting_OnSeveralSheets()
    {
        var layout = BallotLayoutEngine.Layout(Ballots.Chamber17Lists(), SkiaTextMeasure.Instance);
        Assert.True(layout.Complete);
        Assert.InRange(layout.Sheets.Count, 2, 6);
        Assert.Equal(17, layout.Sheets.Sum(s => s.Blocks.Count));
        Assert.Equal(17 * 25, layout.Sheets.SelectMany(s => s.Texts).Select(t => t.Candidate).Where(c => c is not null).Distinct().Count());
    }

    [Theory]
    [InlineData(24)]
    [InlineData(25)]
    [InlineData(26)]
    public void LargestConstituency_TwelveListsOf24And13_PrintOnAtMostFourSheets(int seed)
    {
        // Antwerp: 24 seats, lists of 24 effective + 13 substitute candidates (TR003).
        var random = new Random(seed);
        var view = Ballots.View([.. Enumerable.Range(1, 12).Select(n => Ballots.RealList(n, 24, 13, random))], [Language.Nl]);
        var layout = BallotLayoutEngine.Layout(view, SkiaTextMeasure.Instance);
        Assert.True(layout.Complete);
        Assert.Equal(12, layout.Sheets.Sum(s => s.Blocks.Count));
        Assert.InRange(layout.Sheets.Count, 1, 4);
    }

    [Fact]
    public void SeventeenListsOf36_PrintOnAtMostSixSheets()
    {
        var random = new Random(36);
        var view = Ballots.View([.. Enumerable.Range(1, 17).Select(n => Ballots.RealList(n, 24, 12, random))], [Language.Fr, Language.Nl]);
        var layout = BallotLayoutEngine.Layout(view, SkiaTextMeasure.Instance);
        Assert.True(layout.Complete);
        Assert.InRange(layout.Sheets.Count, 1, 6);
    }

    [Fact]
    public void ThreeShortLists_TakeOneColumnEach_NotOneColumnAndTwoEmpty()
    {
        var random = new Random(3);
        var view = Ballots.View([.. Enumerable.Range(1, 3).Select(n => Ballots.RealList(n, 5, 2, random))], [Language.Fr]);
        var blocks = Assert.Single(BallotLayoutEngine.Layout(view, SkiaTextMeasure.Instance).Sheets).Blocks;
        Assert.Equal([1, 2, 3], blocks.OrderBy(b => b.Bounds.X).Select(b => b.ListNumber));
        Assert.Single(blocks.Select(b => b.Bounds.Y).Distinct());
    }

    [Fact]
    public void ListLongerThanASheet_IsReportedAsAnOutcome_NotDrawnInPart()
    {
        var random = new Random(1);
        var view = Ballots.View([Ballots.List(1, 5, 0, random), Ballots.List(2, 150, 80, random), Ballots.List(3, 5, 2, random)], [Language.Fr]);
        var result = BallotRenderer.Render(view);
        var cannot = Assert.IsType<BallotPdf.CannotFit>(result);
        Assert.Equal(2, Assert.Single(cannot.Lists).ListNumber);
        Assert.True(cannot.Lists[0].NeededHeight > cannot.Lists[0].AvailableHeight);
    }

    [Fact]
    public void ListTallerThanAColumn_SpansTwoColumns_BeforeItTakesASheet()
    {
        var random = new Random(2);
        var view = Ballots.View([Ballots.RealList(1, 5, 0, random), Ballots.RealList(2, 45, 15, random), Ballots.RealList(3, 5, 2, random)], [Language.Fr]);
        var layout = BallotLayoutEngine.Layout(view, SkiaTextMeasure.Instance);
        Assert.True(layout.Complete);
        var first = layout.Sheets[0];
        Assert.Equal([1, 2], first.Blocks.Select(b => b.ListNumber));
        Assert.Equal(BallotGeometry.SpanWidth(2), first.Blocks[1].Bounds.Width, 0.1);
        Assert.Equal(2, layout.Sheets.Count);
    }

    [Fact]
    public void ListTallerThanTwoColumns_TakesTheFullWidthOfASheet()
    {
        var random = new Random(2);
        var view = Ballots.View([Ballots.RealList(1, 5, 0, random), Ballots.RealList(2, 70, 30, random), Ballots.RealList(3, 5, 2, random)], [Language.Fr]);
        var layout = BallotLayoutEngine.Layout(view, SkiaTextMeasure.Instance);
        Assert.True(layout.Complete);
        var sheetOfList2 = layout.Sheets.Single(s => s.Blocks.Any(b => b.ListNumber == 2));
        Assert.Single(sheetOfList2.Blocks);
        Assert.Equal(BallotGeometry.Printable.Width, sheetOfList2.Blocks[0].Bounds.Width, 0.1);
        Assert.Equal(3, layout.Sheets.Count);
    }

    [Fact]
    public void LongNamesWithDiacritics_WrapInsideTheirColumn()
    {
        string longName = "Vanderstraeten-Lagasse de Schaetzen van Brienen-Ćosić Marie-Élisabeth Anaïs";
        Assert.True(longName.Length >= 45);
        var view = Ballots.View([new CandidateListDefinition("E", "C", 1, "Liste d'Ouverture Citoyenne et Écologique pour l'Avenir", [longName, "Müller-Özdemir Zoë"], [longName])], [Language.De]);
        var layout = BallotLayoutEngine.Layout(view, SkiaTextMeasure.Instance);
        var block = layout.Sheets[0].Blocks[0].Bounds;
        var lines = layout.Sheets[0].Texts.Where(t => t.Candidate is { Position: 1 }).ToList();
        Assert.True(lines.Count >= 4);
        Assert.All(lines, t => Assert.True(LayoutPropertyTests.TextBounds(t).IsInside(block)));
    }
}
