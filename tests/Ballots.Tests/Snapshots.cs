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

    [Fact]
    public void ReferenceBallot_LooksAsCommitted() =>
        Compare("reference-ballot.png", Assert.IsType<BallotPdf.Rendered>(BallotRenderer.Render(ReferenceBallot)).Pdf);

    [Fact]
    public void ReferenceLabel_LooksAsCommitted() => Compare("reference-label.png", LabelRenderer.Render(ReferenceLabel));

    private static void Compare(string name, byte[] pdf)
    {
        byte[] actual = Poppler.Png(pdf, 40);
        if (Environment.GetEnvironmentVariable("HV_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllBytes(Path.Combine(Environment.GetEnvironmentVariable("HV_SNAPSHOT_DIR")!, name), actual);
            return;
        }

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

        double share = (double)different / (got.Width * got.Height);
        Assert.True(share < 0.005, $"{name}: {share:P2} of the pixels differ from the committed snapshot");
    }
}
