using System.Diagnostics;
using HybridVote.Ballots;
using HybridVote.Domain;

namespace HybridVote.Bench;

/// <summary>
/// Rendering figures: the largest ballot (17 lists × (16 + 9), bilingual) rendered without any
/// cache, and personal labels per second on every core. Prints BENCH lines.
/// </summary>
public static class RenderBench
{
    /// <summary>Runs the measurements.</summary>
    public static int Run()
    {
        var largest = Largest();
        var watch = Stopwatch.StartNew();
        var first = (BallotPdf.Rendered)BallotRenderer.Render(largest);
        double firstMs = watch.Elapsed.TotalMilliseconds;
        var times = new List<double>();
        for (int i = 0; i < 20; i++)
        {
            watch.Restart();
            BallotRenderer.Render(largest);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"BENCH ballot_cold_render_ms={times[times.Count / 2]:0.0} ms");
        Console.WriteLine($"BENCH ballot_first_render_ms={firstMs:0.0} ms");
        Console.WriteLine($"BENCH ballot_largest_sheets={first.Sheets} sheets");
        Console.WriteLine($"BENCH ballot_largest_kb={first.Pdf.Length / 1024} kB");
        Console.WriteLine($"BENCH label_per_s={LabelsPerSecond():0} labels/s");
        return 0;
    }

    private static double LabelsPerSecond()
    {
        var view = new LabelView("Zoë Müller-Özdemir", "Hoofdbureau Leuven", "Professor Van Overstraetenplein 1, 3000 Leuven", "Kamer 2029", "7KQ2M-9MXD4-HTR8W-ABQ5Z", Language.Nl);
        LabelRenderer.Render(view);
        long count = 0;
        var until = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
        var watch = Stopwatch.StartNew();
        Parallel.For(0, Environment.ProcessorCount, _ =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                LabelRenderer.Render(view);
                Interlocked.Increment(ref count);
            }
        });
        return count / watch.Elapsed.TotalSeconds;
    }

    private static BallotView Largest()
    {
        var random = new Random(17);
        string Name() => $"Vanderstraeten-Lagasse {random.Next(1000)} Marie-Élisabeth";
        var lists = Enumerable.Range(1, 17).Select(n => new CandidateListDefinition("E", "C", n, $"Liste numéro {n} – Lijst nummer {n}",
            Enumerable.Range(0, 16).Select(_ => Name()).ToList(), Enumerable.Range(0, 9).Select(_ => Name()).ToList())).ToList();
        return new BallotView("Chambre des représentants – Kamer van volksvertegenwoordigers", "Bruxelles-Capitale – Brussel-Hoofdstad", new DateOnly(2029, 6, 10), [Language.Fr, Language.Nl], lists);
    }
}
