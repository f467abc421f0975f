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
        Console.WriteLine($"BENCH ballot_cold_render_ms={MedianRenderMs(largest):0.0} ms");
        Console.WriteLine($"BENCH ballot_first_render_ms={firstMs:0.0} ms");
        Console.WriteLine($"BENCH ballot_largest_sheets={first.Sheets} sheets");
        Console.WriteLine($"BENCH ballot_largest_kb={first.Pdf.Length / 1024} kB");
        var antwerp = Antwerp();
        var antwerpFirst = (BallotPdf.Rendered)BallotRenderer.Render(antwerp);
        Console.WriteLine($"BENCH ballot_12x37_render_ms={MedianRenderMs(antwerp):0.0} ms");
        Console.WriteLine($"BENCH ballot_12x37_sheets={antwerpFirst.Sheets} sheets");
        Console.WriteLine($"BENCH label_per_s={LabelsPerSecond():0} labels/s");
        return 0;
    }

    // The median of 20 renders without any cache.
    private static double MedianRenderMs(BallotView view)
    {
        var times = new List<double>();
        for (int i = 0; i < 20; i++)
        {
            long start = Stopwatch.GetTimestamp();
            BallotRenderer.Render(view);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
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

    // The largest constituency: 12 lists of 24 effective + 13 substitute candidates, names of every length.
    private static BallotView Antwerp()
    {
        var random = new Random(24);
        string[] surnames = ["Peeters", "Van den Bossche", "Vanderstraeten-Lagasse", "De Smet", "El Kaddouri", "Van de Velde-Gheysens", "Janssens", "Verhaegen"];
        string[] given = ["Jan", "Marie-Christine", "Pieter-Jan", "Fatima", "Anne-Sophie", "Luc", "Joëlle"];
        List<string> Names(int n) => [.. Enumerable.Range(0, n).Select(_ => $"{surnames[random.Next(surnames.Length)]} {given[random.Next(given.Length)]}")];
        var lists = Enumerable.Range(1, 12).Select(n => new CandidateListDefinition("E", "C", n, $"Lijst {n}", Names(24), Names(13))).ToList();
        return new BallotView("Kamer van volksvertegenwoordigers", "Antwerpen", new DateOnly(2029, 6, 10), [Language.Nl], lists);
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
