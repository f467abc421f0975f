using System.Diagnostics;
using System.Globalization;
using HybridVote.Domain;
using HybridVote.Storage;
using Npgsql;

namespace HybridVote.Bench;

/// <summary>
/// The save of a tally sheet (REQUIREMENTS §6): the compare-and-set of a whole double entry and its
/// audit event, as each typist's entry and each decision does, for a sheet of the largest Belgian
/// constituency (12 lists of 24 effective and 13 substitute candidates: 487 fields). Up to four counting
/// bureaus save at once; each round is a first entry, a second entry (definitive) and the
/// president sending every field back. The ceiling in the same run: a bare round trip (SELECT 1).
/// </summary>
public static class TallyBench
{
    /// <summary>Runs N saves per bureau and prints BENCH lines.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int saves = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 600;
        await using var db = NpgsqlDataSource.Create(BenchData.Setting("Database"));
        var bureaus = new List<string>();
        await using (var cmd = db.CreateCommand("SELECT id FROM bureau b WHERE NOT EXISTS (SELECT 1 FROM tally_lock l WHERE l.bureau_id = b.id) ORDER BY id LIMIT 4"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                bureaus.Add(reader.GetString(0));
            }
        }

        var layout = new TallyLayout([.. Enumerable.Range(1, 12).Select(n => new TallyList(n, 24, 13))]);
        var store = new TallyStore(db, new AuditLog(TimeProvider.System));
        var timings = await Task.WhenAll(bureaus.Select(b => Task.Run(() => SavesAsync(store, b, layout, saves))));
        var all = timings.SelectMany(t => t).Order().ToList();
        var ceiling = await RoundTripsAsync(db, saves);
        double wall = timings.Length == 0 ? 0 : all.Sum() / bureaus.Count;
        Console.WriteLine($"BENCH tally_save_p99_ms={Percentile(all, 0.99):F2} ms ({all.Count} saves of a {layout.Fields.Count}-field sheet, {bureaus.Count} bureaus at once; p50 {Percentile(all, 0.5):F2} ms)");
        Console.WriteLine($"BENCH tally_save_per_s={all.Count / (wall / 1000):F0} saves/s");
        Console.WriteLine($"BENCH pg_roundtrip_p99_ms={Percentile(ceiling, 0.99):F2} ms (SELECT 1, the ceiling in the same run)");
        return 0;
    }

    private static async Task<List<double>> SavesAsync(TallyStore store, string bureau, TallyLayout layout, int saves)
    {
        var times = new List<double>(saves);
        var first = layout.Fields.ToDictionary(f => f, f => (long)f.Length);
        var entry = (await store.LoadAsync(bureau))?.Entry ?? DoubleEntry.Start(layout);
        int version = (await store.LoadAsync(bureau))?.Version ?? 0;
        for (int i = 0; i < saves; i++)
        {
            var next = entry.State switch
            {
                EntryState.AwaitingFirst => entry.Enter("staff:bench-a", first).Next,
                EntryState.AwaitingSecond => entry.Enter("staff:bench-b", first).Next,
                _ => entry.Reopen(layout.Fields).Next,
            };
            long start = Stopwatch.GetTimestamp();
            if (!await store.SaveAsync(bureau, next, version, "staff:bench", "tally.entry"))
            {
                throw new InvalidOperationException($"the save of {bureau} at version {version} was refused");
            }

            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            entry = next;
            version++;
        }

        return times;
    }

    private static async Task<List<double>> RoundTripsAsync(NpgsqlDataSource db, int count)
    {
        var times = new List<double>(count);
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await using var conn = await db.OpenConnectionAsync();
            await using var cmd = new NpgsqlCommand("SELECT 1", conn);
            await cmd.ExecuteScalarAsync();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        return times;
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
