using System.Diagnostics;
using System.Globalization;
using HybridVote.Domain;
using HybridVote.Eml;

namespace HybridVote.Bench;

/// <summary>
/// <c>parse [--validate] [--crypto KEYDIR] FILE...</c>: reads EML 330 voter files as the import does
/// and prints MB/s and voters/s (one thread per file, up to the number of cores), with or without
/// XSD validation, optionally with the per-voter pseudonym and sealing.
/// </summary>
public static class ParseBench
{
    public static int Run(string[] args)
    {
        bool validate = args.Contains("--validate");
        int cryptoAt = Array.IndexOf(args, "--crypto");
        var keys = cryptoAt > 0 ? HybridVote.Hosting.KeyFiles.Load(args[cryptoAt + 1]) : null;
        var files = args.Skip(1).Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (cryptoAt < 0 || i + 1 != cryptoAt + 1)).ToList();
        long bytes = files.Sum(f => new FileInfo(f).Length), voters = 0;
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var pseudonyms = keys is null ? null : new Pseudonyms(keys);
            var sealer = keys is null ? null : new Sealer(keys);
            long n = 0;
            foreach (var (voter, _) in EmlReader.ReadVoters(stream, validate ? new EmlValidation("330") : null))
            {
                if (pseudonyms is not null)
                {
                    byte[] key = pseudonyms.VoterKey(voter.NationalNumber);
                    sealer!.Seal(voter.LabelIdentity, "name:" + Convert.ToHexString(key));
                }

                n++;
            }

            Interlocked.Add(ref voters, n);
        });
        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6 / seconds:F1} MB/s {voters / seconds:F0} voters/s ({voters} voters, {bytes / 1e6:F0} MB, {seconds:F2} s, validate={validate}, crypto={keys is not null})"));
        return 0;
    }
}
