using HybridVote.Domain;
using SkiaSharp;

namespace HybridVote.Ballots.Tests;

/// <summary>
/// Committed low-resolution PNGs of a reference ballot and label, compared pixel by pixel. Set
/// HV_UPDATE_SNAPSHOTS=1 (with the repository path in HV_SNAPSHOT_DIR) to write them again after
/// an intended change of the layout.
/// </summary>
public sealed class Snapshots
{
    internal static readonly LabelView ReferenceLabel = new("Zoë Müller-Özdemir", "Hoofdbureau Leuven", "Professor Van Overstraetenplein 1, 3000 Leuven",
        "Kamer van volksvertegenwoordigers 2029", "7KQ2M-9MXD4-HTR8W-ABQ5Z", Language.Nl);

    internal static BallotView ReferenceBallot => Ballots.View([.. Enumerable.Range(1, 5).Select(n => Ballots.List(n, 6, 3, new Random(n)))], [Language.Fr, Language.Nl]);

    // Pixels allowed to differ (anti-aliasing of another poppler build); one changed word is hundreds.
    private const int Tolerance = 40;

    [Fact]
    public void ReferenceBallot_LooksAsCommitted() =>
        Compare("reference-ballot.png", Assert.IsType<BallotPdf.Rendered>(BallotRenderer.Render(ReferenceBallot)).Pdf);

    [Fact]
    public void ReferenceLabel_LooksAsCommitted() => Compare("reference-label.png", LabelRenderer.Render(ReferenceLabel));

    [Fact]
    public void OneChangedName_FailsTheComparison()
    {
        var view = ReferenceBallot;
        var first = view.Lists[0];
        var changed = view with { Lists = [first with { Effective = [.. first.Effective.Select((n, i) => i == 2 ? "Peeters Jan" : n)] }, .. view.Lists.Skip(1)] };
        byte[] pdf = Assert.IsType<BallotPdf.Rendered>(BallotRenderer.Render(changed)).Pdf;
        Assert.True(Different("reference-ballot.png", Poppler.Png(pdf, Dpi)) > Tolerance);
    }

    private const int Dpi = 60;

    private static void Compare(string name, byte[] pdf)
    {
        byte[] actual = Poppler.Png(pdf, Dpi);
        if (Environment.GetEnvironmentVariable("HV_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllBytes(Path.Combine(Environment.GetEnvironmentVariable("HV_SNAPSHOT_DIR")!, name), actual);
            return;
        }

        int different = Different(name, actual);
        Assert.True(different <= Tolerance, $"{name}: {different} pixels differ from the committed snapshot");
    }

    private static int Different(string name, byte[] actual)
    {
        using var expected = SKBitmap.Decode(Path.Combine(AppContext.BaseDirectory, "Snapshots", name));
        using var got = SKBitmap.Decode(actual);
        Assert.Equal((expected.Width, expected.Height), (got.Width, got.Height));
        int different = 0;
        for (int y = 0; y < got.Height; y++)
        {
            for (int x = 0; x < got.Width; x++)
            {
                SKColor a = expected.GetPixel(x, y), b = got.GetPixel(x, y);
                if (Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue) > 96)
                {
                    different++;
                }
            }
        }

        return different;
    }
}
