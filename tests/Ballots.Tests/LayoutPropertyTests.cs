using FsCheck.Xunit;

namespace HybridVote.Ballots.Tests;

/// <summary>Properties of the layout over generated ballots (1–17 lists, 1–24 effective, 0–13 substitutes).</summary>
public sealed class LayoutPropertyTests
{
    private static readonly ITextMeasure Measure = SkiaTextMeasure.Instance;

    [Property(MaxTest = 60)]
    public bool NoListIsEverSplit(int seed)
    {
        var layout = BallotLayoutEngine.Layout(Ballots.Random(seed), Measure);
        var sheetsOfList = layout.Sheets
            .SelectMany(s => s.Texts.Where(t => t.Candidate is not null).Select(t => (t.Candidate!.ListNumber, s.Number)))
            .GroupBy(x => x.ListNumber);
        return layout.Complete && sheetsOfList.All(g => g.Select(x => x.Number).Distinct().Count() == 1)
            && layout.Sheets.SelectMany(s => s.Blocks).GroupBy(b => b.ListNumber).All(g => g.Count() == 1);
    }

    [Property(MaxTest = 60)]
    public bool EveryCandidateAppearsExactlyOnceInItsOwnBlock(int seed)
    {
        var view = Ballots.Random(seed);
        var layout = BallotLayoutEngine.Layout(view, Measure);
        var expected = view.Lists.SelectMany(l => l.Effective.Select((_, i) => new CandidateRef(l.Number, false, i + 1))
            .Concat(l.Substitutes.Select((_, i) => new CandidateRef(l.Number, true, i + 1)))).ToHashSet();
        var seen = layout.Sheets.SelectMany(s => s.Texts.Where(t => t.Candidate is not null).Select(t => (t.Candidate!, s))).ToList();
        return seen.Select(x => x.Item1).ToHashSet().SetEquals(expected)
            && seen.GroupBy(x => x.Item1).All(g => g.Select(x => x.s.Number).Distinct().Count() == 1);
    }

    [Property(MaxTest = 60)]
    public bool BlocksNeverOverlap(int seed)
    {
        var layout = BallotLayoutEngine.Layout(Ballots.Random(seed), Measure);
        return layout.Sheets.All(s => s.Blocks.All(a => s.Blocks.All(b => a == b || !a.Bounds.Overlaps(b.Bounds))));
    }

    [Property(MaxTest = 60)]
    public bool EverythingStaysInsideThePrintableMargins(int seed)
    {
        var printable = BallotGeometry.Printable;
        var layout = BallotLayoutEngine.Layout(Ballots.Random(seed), Measure);
        return layout.Sheets.All(s =>
            s.Boxes.All(b => b.IsInside(printable))
            && s.Blocks.All(b => b.Bounds.IsInside(printable))
            && s.Texts.All(t => TextBounds(t).IsInside(printable)));
    }

    [Property(MaxTest = 30)]
    public bool TextInsideABlockStaysInsideTheBlock(int seed)
    {
        var layout = BallotLayoutEngine.Layout(Ballots.Random(seed), Measure);
        return layout.Sheets.All(s => s.Texts.Where(t => t.Candidate is not null)
            .All(t => TextBounds(t).IsInside(s.Blocks.Single(b => b.ListNumber == t.Candidate!.ListNumber).Bounds)));
    }

    [Property(MaxTest = 60)]
    public bool ListsReadInNumberOrder_DownEachColumn_ThenAcross_ThenOnTheNextSheet(int seed)
    {
        var layout = BallotLayoutEngine.Layout(Ballots.RealRandom(seed), Measure);
        var reading = layout.Sheets.SelectMany(s => s.Blocks.Select(b => (s.Number, b.Bounds.X, b.Bounds.Y, b.ListNumber)))
            .OrderBy(b => b.Number).ThenBy(b => b.X).ThenBy(b => b.Y).Select(b => b.ListNumber).ToList();
        return reading.SequenceEqual(reading.Order());
    }

    [Property(MaxTest = 60)]
    public bool TypeIsNeverBelowNinePoints(int seed)
    {
        var layout = BallotLayoutEngine.Layout(seed % 2 == 0 ? Ballots.Random(seed) : Ballots.RealRandom(seed), Measure);
        return layout.TextSize >= BallotGeometry.MinimumTextSize && layout.Sheets.All(s => s.Texts.All(t => t.Size >= BallotGeometry.MinimumTextSize));
    }

    [Property(MaxTest = 60)]
    public bool RealListsNeedNoMoreSheetsThanAThirdOfTheirNumber(int seed)
    {
        var view = Ballots.RealRandom(seed);
        var layout = BallotLayoutEngine.Layout(view, Measure);
        return layout.Complete && layout.Sheets.Count <= (view.Lists.Count + 2) / 3;
    }

    internal static Rect TextBounds(PlacedText t)
    {
        float width = Measure.Width(t.Text, t.Font, t.Size);
        return new Rect(t.AlignRight ? t.X - width : t.X, t.Baseline - t.Size, width, t.Size * 1.25f);
    }
}
