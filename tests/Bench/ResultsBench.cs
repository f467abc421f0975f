using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using HybridVote.Domain;
using HybridVote.ElectionResults;
using HybridVote.Export;
using HybridVote.Storage;
using Npgsql;
using NpgsqlTypes;

namespace HybridVote.Bench;

/// <summary>
/// The national results (REQUIREMENTS §6, NFR006): 7,218,036 ballots over about 4,500 locked
/// counting bureaus in the 11 Chamber constituencies (12 lists each, as many effective candidates as
/// seats and half as many substitutes), generated as lock snapshots; then, timed, every
/// constituency's bureaus read, parsed and summed, and its EML 510, signature, PV, CSV and JSON made.
/// The bureaus' own EML 510 and PV files are timed apart. Peak RSS is the process's high-water mark.
/// </summary>
public static class ResultsBench
{
    private const long Ballots = 7_218_036;
    private const int Bureaus = 4_500;

    // Chamber 2024: constituency, name, languages, seats, electorate in thousands (share of the bureaus and ballots).
    private static readonly (string Id, string Name, string Languages, int Seats, int Electorate)[] Constituencies =
    [
        ("ANT", "Antwerpen", "nl", 24, 1372), ("LIM", "Limburg", "nl", 12, 663), ("OVL", "Oost-Vlaanderen", "nl", 20, 1164), ("VBR", "Vlaams-Brabant", "nl", 15, 886),
        ("WVL", "West-Vlaanderen", "nl", 16, 942), ("BRU", "Bruxelles-Capitale / Brussel-Hoofdstad", "fr+nl", 16, 690), ("BWA", "Brabant wallon", "fr", 5, 302),
        ("HAI", "Hainaut", "fr", 17, 969), ("LIE", "Liège", "fr", 14, 789), ("LUX", "Luxembourg", "fr", 4, 219), ("NAM", "Namur", "fr", 7, 376),
    ];

    /// <summary>Generates the national count (once) and times the results; prints BENCH lines.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        await using var db = NpgsqlDataSource.Create(BenchData.Setting("Database"));
        var generate = Stopwatch.StartNew();
        await GenerateAsync(db);
        Console.WriteLine($"generated {Bureaus:N0} locked bureaus, {Ballots:N0} ballots in {generate.Elapsed.TotalSeconds:F1} s");

        var audit = new AuditLog(TimeProvider.System);
        var elections = new ElectionStore(db, audit);
        var results = new ResultsStore(db, new ReceptionStore(db, audit));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rounds = new List<(double National, double Ceiling)>();
        long bytes = 0;
        for (int round = 0; round < 3; round++)
        {
            // The ceiling in the same run: reading the same lock snapshots, nothing else.
            var ceiling = Stopwatch.StartNew();
            await using (var cmd = db.CreateCommand("SELECT l.snapshot FROM tally_lock l JOIN bureau b ON b.id = l.bureau_id WHERE b.election_id = 'RB2029'"))
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    _ = reader.GetString(0);
                }
            }

            double read = ceiling.Elapsed.TotalSeconds;
            bytes = 0;
            long summed = 0;
            var clock = Stopwatch.StartNew();
            foreach (var header in await results.HeadersAsync("RB2029"))
            {
                var (count, refused) = CountReports.Build(header, await elections.ListsAsync(header.ElectionId, header.ContestId), await results.SheetsAsync(header.ElectionId, header.ContestId));
                if (count is null)
                {
                    throw new InvalidOperationException($"{header.ContestId}: {refused}");
                }

                summed += count.Combined[TallyLayout.Opened];
                bytes += ResultsExport.ConstituencyFiles(count, key).Sum(f => (long)f.Bytes.Length);
            }

            rounds.Add((clock.Elapsed.TotalSeconds, read));
            Console.WriteLine($"round {round + 1}: {rounds[^1].National:F2} s, raw read of the snapshots {read:F2} s");
            if (summed != Ballots)
            {
                throw new InvalidOperationException($"summed {summed} ballots, generated {Ballots}");
            }
        }

        var median = rounds.OrderBy(r => r.National).ElementAt(1);
        double national = median.National;
        var files = Stopwatch.StartNew();
        long bureauFiles = 0;
        foreach (var header in await results.HeadersAsync("RB2029"))
        {
            var (count, _) = CountReports.Build(header, await elections.ListsAsync(header.ElectionId, header.ContestId), await results.SheetsAsync(header.ElectionId, header.ContestId));
            bureauFiles += ResultsExport.BureauFiles(count!, key).Count;
        }

        double perBureau = files.Elapsed.TotalSeconds;
        long rss = PeakRssKb();
        Console.WriteLine($"BENCH results_national_s={national:F1} s (read, parse, sum {Bureaus:N0} locked bureaus and {Ballots:N0} ballots; 11 constituency EML 510 + signature + PV + CSV + JSON, {bytes / 1e6:F1} MB; median of 3 rounds)");
        Console.WriteLine($"BENCH results_read_ceiling_s={median.Ceiling:F2} s (the same run's raw read of the {Bureaus:N0} lock snapshots; median of 3 rounds)");
        Console.WriteLine($"BENCH results_bureau_files_s={perBureau:F1} s ({bureauFiles:N0} files: each bureau's EML 510, signature and PV, the bureaus read again)");
        Console.WriteLine($"BENCH results_peak_rss_mb={rss / 1024} MB (the process's high-water mark)");
        return 0;
    }

    // Election RB2029 with the 11 constituencies, their lists and candidates, and ~4,500 bureaus each locked with a sheet that passes the checks.
    private static async Task GenerateAsync(NpgsqlDataSource db)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using (var exists = new NpgsqlCommand("SELECT count(*) FROM election WHERE id = 'RB2029'", conn))
        {
            if ((long)(await exists.ExecuteScalarAsync())! > 0)
            {
                return;
            }
        }

        var now = DateTimeOffset.UtcNow;
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO election (id, event_id, name, issue_from, issue_until, in_person_close, validated_at)
            VALUES ('RB2029', 'BE2029', 'Chambre des représentants / Kamer van volksvertegenwoordigers 2029', $1, $2, $3, $4)
            """, conn))
        {
            cmd.Parameters.Add(new() { Value = now.AddDays(-30).UtcDateTime });
            cmd.Parameters.Add(new() { Value = now.AddDays(-3).UtcDateTime });
            cmd.Parameters.Add(new() { Value = now.AddDays(-1).UtcDateTime });
            cmd.Parameters.Add(new() { Value = now.AddDays(60).UtcDateTime });
            await cmd.ExecuteNonQueryAsync();
        }

        int electorate = Constituencies.Sum(c => c.Electorate);
        var random = new Random(2029);
        int bureauSerial = 0;
        long ballotsLeft = Ballots;
        for (int i = 0; i < Constituencies.Length; i++)
        {
            var c = Constituencies[i];
            await Exec(conn, "INSERT INTO contest (election_id, id, name, languages, seats) VALUES ('RB2029', $1, $2, $3, $4)", c.Id, c.Name, c.Languages, c.Seats);
            var lists = Enumerable.Range(1, 12).Select(n => new TallyList(n, c.Seats, (c.Seats / 2) + 1)).ToList();
            foreach (var list in lists)
            {
                await Exec(conn, "INSERT INTO candidate_list (election_id, contest_id, number, name) VALUES ('RB2029', $1, $2, $3)", c.Id, list.Number, $"Liste {list.Number} {c.Id}");
                await Exec(conn, """
                    INSERT INTO candidate (election_id, contest_id, list_number, position, substitute, name)
                    SELECT 'RB2029', $1, $2, p, false, 'Kandidaat ' || $2 || '-' || p FROM generate_series(1, $3) p
                    UNION ALL SELECT 'RB2029', $1, $2, p, true, 'Opvolger ' || $2 || '-' || p FROM generate_series(1, $4) p
                    """, c.Id, list.Number, list.Effective, list.Substitutes);
            }

            var layout = new TallyLayout(lists);
            bool last = i == Constituencies.Length - 1;
            int bureaus = last ? Bureaus - bureauSerial : (int)Math.Round((double)Bureaus * c.Electorate / electorate);
            long ballots = last ? ballotsLeft : (long)Math.Round((double)Ballots * c.Electorate / electorate);
            ballotsLeft -= ballots;
            var ids = Enumerable.Range(0, bureaus).Select(_ => $"{c.Id}-{++bureauSerial:0000}").ToArray();
            await using (var bureauRows = new NpgsqlCommand("""
                INSERT INTO bureau (id, name, address, election_id, contest_id) SELECT id, 'Bureau ' || id, 'Rue du Bureau 1', 'RB2029', $1 FROM unnest($2::text[]) id
                """, conn))
            {
                bureauRows.Parameters.Add(new() { Value = c.Id });
                bureauRows.Parameters.Add(new() { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                await bureauRows.ExecuteNonQueryAsync();
            }

            await using var writer = await conn.BeginBinaryImportAsync("COPY tally_lock (bureau_id, snapshot, sha256, locked_by) FROM STDIN (FORMAT BINARY)");
            for (int b = 0; b < bureaus; b++)
            {
                long r = (ballots / bureaus) + (b < ballots % bureaus ? 1 : 0);
                string canonical = TallyLock.Canonical(Sheet(layout, r, random), layout, new Dictionary<string, string>());
                await writer.StartRowAsync();
                await writer.WriteAsync(ids[b]);
                await writer.WriteAsync(canonical);
                await writer.WriteAsync(TallyLock.Hash(canonical));
                await writer.WriteAsync("staff:bench-president");
            }

            await writer.CompleteAsync();
        }
    }

    // A sheet of R ballots: ~3 % blank, a few doubtful, the valid ones spread over the lists, half of each list's with preferences.
    private static TallySheet Sheet(TallyLayout layout, long r, Random random)
    {
        var v = new Dictionary<string, long>(StringComparer.Ordinal);
        long blank = r * 3 / 100, cancelled = r / 500, validated = r / 300, inPerson = r / 1000;
        long valid = r - blank - cancelled - validated - inPerson;
        v[TallyLayout.Opened] = r;
        v[TallyLayout.Class(BallotClassification.Valid)] = valid;
        v[TallyLayout.Class(BallotClassification.DoubtfulValidated)] = validated;
        v[TallyLayout.Class(BallotClassification.DoubtfulCancelled)] = cancelled;
        v[TallyLayout.Class(BallotClassification.BlankOrInvalid)] = blank;
        v[TallyLayout.Class(BallotClassification.RejectedVotedInPerson)] = inPerson;
        v[TallyLayout.Valid] = valid + validated;
        long left = valid + validated;
        foreach (var list in layout.Lists)
        {
            long total = list.Number == layout.Lists.Count ? left : Math.Min(left, (long)(left * (0.1 + (random.NextDouble() * 0.15))));
            left -= total;
            long preferences = total / 2;
            v[TallyLayout.ListTotal(list.Number)] = total;
            v[TallyLayout.ListOnly(list.Number)] = total - preferences;
            v[TallyLayout.WithPreferences(list.Number)] = preferences;
            for (int p = 1; p <= list.Effective; p++)
            {
                v[TallyLayout.Candidate(list.Number, false, p)] = random.NextInt64(preferences + 1);
            }

            for (int p = 1; p <= list.Substitutes; p++)
            {
                v[TallyLayout.Candidate(list.Number, true, p)] = random.NextInt64((preferences / 4) + 1);
            }
        }

        return new TallySheet(v);
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, params object[] values)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var value in values)
        {
            cmd.Parameters.Add(new() { Value = value });
        }

        await cmd.ExecuteNonQueryAsync();
    }

    // VmHWM of /proc/self/status, in kB.
    private static long PeakRssKb() => File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).FirstOrDefault();
}
