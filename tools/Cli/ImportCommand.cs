using HybridVote.Domain;
using System.Security.Cryptography;
using HybridVote.Eml;
using HybridVote.Imports;
using HybridVote.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HybridVote.Cli;

/// <summary>
/// <c>hv import …</c>: loads EML files (FR001, TR002). Every file must carry a detached signature
/// of a trusted issuing authority, checked before anything is written; a file already loaded (same
/// SHA-256) is a no-op; each load is audited with the file hash and the signer (TR008).
/// </summary>
public static class ImportCommand
{
    /// <summary>Runs an import: <paramref name="kind"/> is election, lists, voters, in-person or staff.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string kind, ImportOptions request, string actor)
    {
        var files = request.Files;
        string? electionId = request.ElectionId;
        if (kind == "in-person" && electionId is null)
        {
            throw new UsageException("--election is required");
        }

        if ((files.Count > 1 && kind is "election" or "lists" or "staff") || (files.Count > 1 && request.Signature is not null))
        {
            throw new UsageException(kind is "election" or "lists" or "staff" ? $"one file per {kind} import" : "--signature names the signature of one file; with several files each FILE.sig is used");
        }

        // NL decree Ea 1(4): every file is checked before anything is written. Each file is opened
        // once: the handle the signature check reads is the one the load reads (VerifiedFile).
        var importer = services.GetRequiredService<ElectionImporter>();
        string trust = TrustDirectory(request.Trust);
        var opened = new List<VerifiedFile>();
        try
        {
            foreach (string file in files)
            {
                opened.Add(VerifiedFile.Open(file));
            }

            return await CheckAndLoadAsync(services, importer, kind, opened, request.Signature, trust, electionId, actor);
        }
        finally
        {
            opened.ForEach(f => f.Dispose());
        }
    }

    /// <summary>Checks the signature of every opened file, then loads those not loaded before, through the same handles.</summary>
    private static async Task<int> CheckAndLoadAsync(IServiceProvider services, ElectionImporter importer, string kind, IReadOnlyList<VerifiedFile> files,
        string? signatureFile, string trust, string? electionId, string actor)
    {
        // The files are hashed in parallel (one per core); the checks are reported in order.
        var checks = new SignatureCheck[files.Count];
        try
        {
            Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => checks[i] = Verify(files[i], signatureFile, trust));
        }
        catch (AggregateException e)
        {
            // A missing or unreadable file fails as it would alone.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        var sources = new List<(VerifiedFile File, ImportSource Source)>();
        foreach (var (file, check) in files.Zip(checks))
        {
            if (check is not SignatureCheck.Valid valid)
            {
                await Console.Error.WriteLineAsync($"hv: {file.Path}: {FileSignature.Describe(check)}; nothing was loaded");
                return 1;
            }

            if (await importer.AlreadyLoadedAsync(valid.Sha256))
            {
                Console.WriteLine($"{file.Path}: already loaded (sha256 {valid.Sha256}); nothing to do");
                continue;
            }

            Console.Error.WriteLine($"{file.Path}: {FileSignature.Describe(valid)}");
            file.Verified(valid.Sha256);
            sources.Add((file, new ImportSource(kind, file.FileName, valid.Sha256, valid.KeyId)));
        }

        if (sources.Count == 0)
        {
            return 0;
        }

        var warnings = new System.Collections.Concurrent.ConcurrentQueue<EmlIssue>();
        try
        {
            string summary = await LoadAsync(services, importer, kind, sources, electionId, actor, warnings);
            foreach (var warning in warnings)
            {
                await Console.Error.WriteLineAsync($"hv: {warning}");
            }

            Console.WriteLine(summary);
            ImportMetrics.Record(services.GetRequiredService<IConfiguration>(), kind, Rows(summary), null);
            return 0;
        }
        catch (Exception e) when (FileProblem(sources.Select(s => s.File).FirstOrDefault(f => f.ChangedSinceCheck())?.Changed() ?? e) is { } problem)
        {
            // A file that changed after its check is reported as such, whatever error its bytes caused.
            // The load's transaction was not committed: nothing of the files is visible. The log event
            // and the refusal metric are the alert (docs/operations.md).
            string code = System.Text.RegularExpressions.Regex.Match(problem, @"\bE\d{3}\b") is { Success: true } m ? m.Value : "E000";
            services.GetRequiredService<ILoggerFactory>().CreateLogger("HybridVote.Cli").LogError("import.refused {Kind} {Code}", kind, code);
            ImportMetrics.Record(services.GetRequiredService<IConfiguration>(), kind, 0, code);
            await Console.Error.WriteLineAsync($"hv: {problem}; nothing was loaded");
            return 1;
        }
    }

    // The leading count of a summary line ("8,167,709 voters from …").
    private static long Rows(string summary) =>
        long.TryParse(summary.Split(' ')[0], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture, out long rows) ? rows : 0;

    // The numbered message of a refused file (docs/eml-profile.md), or null for an unexpected failure.
    private static string? FileProblem(Exception e) => e switch
    {
        ParallelFiles.FileException { InnerException: ImportRefused r } => r.Message,
        ParallelFiles.FileException f => FileProblem(f.InnerException!) is { } inner ? $"{f.File}: {inner}" : null,
        EmlValidationException v => v.Issue.ToString(),
        System.Xml.XmlException x => $"E100 line {x.LineNumber}, position {x.LinePosition}: not well-formed XML, a DTD, or bytes that do not match the declared encoding: {x.Message}",
        FormatException f => "E106 " + f.Message,
        ImportRefused r => r.Message,
        _ => null,
    };

    /// <summary><c>hv sign --key KEY.pem FILE [--out FILE.sig]</c>: signs a file with an issuing-authority key (dev and test keys).</summary>
    public static int Sign(string file, string keyFile, string? output)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(keyFile));
        using var stream = File.OpenRead(file);
        output ??= file + ".sig";
        File.WriteAllText(output, FileSignature.Sign(stream, key));
        Console.WriteLine($"{output}: signed with key {FileSignature.KeyId(key)}");
        return 0;
    }

    private static string TrustDirectory(string? trust) => trust ?? Environment.GetEnvironmentVariable("HybridVote__TrustDirectory")
        ?? throw new UsageException("--trust DIR (or HybridVote__TrustDirectory) is required: the issuing authorities' public keys");

    // Each call loads its own keys: a key object is not shared between threads.
    private static SignatureCheck Verify(VerifiedFile file, string? signatureFile, string trust)
    {
        // The detached signature: --signature for a single file, else FILE.sig beside it.
        string? path = signatureFile ?? (File.Exists(file.Path + ".sig") ? file.Path + ".sig" : null);
        string? signature = path is null ? null : File.ReadAllText(path);
        using var stream = file.ForCheck();
        return FileSignature.Verify(stream, signature, FileSignature.LoadTrustStore(trust));
    }

    private static async Task<string> LoadAsync(IServiceProvider services, ElectionImporter importer, string kind, List<(VerifiedFile File, ImportSource Source)> files, string? electionId,
        string actor, System.Collections.Concurrent.ConcurrentQueue<EmlIssue> warnings)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var signers = string.Join(", ", files.Select(f => f.Source.Signer).Distinct());
        IReadOnlyList<ImportSource> audited = files.Select(f => f.Source).ToList();
        switch (kind)
        {
            case "election":
            {
                var file = files[0].File;
                var validation = new EmlValidation("110");
                var elections = ParallelFiles.Located(file.Path, () => Read(file, stream => EmlReader.ReadElectionEvent(stream, validation)));
                await importer.ImportElectionsAsync(elections, actor, files[0].Source);
                Enqueue(warnings, file.Path, validation);
                return $"{elections.Count} election(s), {elections.Sum(e => e.Contests.Count)} constituencies (signed by {signers})";
            }

            case "lists":
            {
                var file = files[0].File;
                var validation = new EmlValidation("230");
                var lists = ParallelFiles.Located(file.Path, () => Read(file, stream => EmlReader.ReadCandidateLists(stream, validation).ToList()));
                await importer.ImportListsAsync(lists, actor, files[0].Source);
                Enqueue(warnings, file.Path, validation);
                return $"{lists.Count} lists, {lists.Sum(l => l.Effective.Count + l.Substitutes.Count)} candidates (signed by {signers})";
            }

            case "staff":
            {
                // FR011: the bureau composition, signed like the EML files; all roles or none.
                var file = files[0].File;
                var lines = ParallelFiles.Located(file.Path, () => Read(file, StaffImporter.Read));
                int given = await services.GetRequiredService<StaffImporter>().LoadAsync(lines, files[0].Source, actor);
                return $"{given} staff role(s) given (signed by {signers})";
            }

            case "voters":
            {
                long expected = ExpectedEntries(files, BytesPerVoter);
                var progress = new LoadProgress("voters", expected);
                var voters = services.GetRequiredService<VoterListImporter>();
                var byPath = files.ToDictionary(f => f.File.Path, f => f.File);
                var lines = ParallelFiles.Read(files.Select(f => f.File.Path).ToList(), path =>
                {
                    var validation = new EmlValidation("330");
                    return Stream(byPath[path], stream => EmlReader.ReadVoters(stream, validation).Select(v => voters.Prepare(new VoterLine(v.Voter, v.Line, Path.GetFileName(path)))),
                        () => Enqueue(warnings, path, validation));
                });
                var result = await voters.ImportAsync(lines, actor, audited, expected, progress);
                return $"{result.Voters:N0} voters from {files.Count} file(s), {result.Sources.Count} source(s) (commune or post); {result.Replaced:N0} earlier entries of these sources replaced; "
                    + $"{started.Elapsed.TotalSeconds:F1} s, {result.Voters / Math.Max(started.Elapsed.TotalSeconds, 0.001):N0} voters/s (signed by {signers})";
            }

            default:
            {
                long expected = ExpectedEntries(files, BytesPerInPerson);
                var progress = new LoadProgress("in-person entries", expected);
                var voters = services.GetRequiredService<VoterListImporter>();
                var byPath = files.ToDictionary(f => f.File.Path, f => f.File);
                var lines = ParallelFiles.Read(files.Select(f => f.File.Path).ToList(), path =>
                {
                    var validation = new EmlValidation("330");
                    return Stream(byPath[path], stream => EmlReader.ReadInPersonVoters(stream, validation).Select(v => voters.Prepare(new InPersonLine(v.NationalNumber, v.ElectionId, v.Line, Path.GetFileName(path)))),
                        () => Enqueue(warnings, path, validation));
                });
                var touched = await voters.ImportInPersonAsync(electionId!, EnvelopeRules.ApplyInPersonVote, lines, actor, audited, expected, progress);
                await services.GetRequiredService<StatusCache>().InvalidateAsync(touched.Select(StatusCache.EnvelopeKey));
                return $"in-person list of {electionId} loaded from {files.Count} file(s): {touched.Count:N0} hybrid envelopes cancelled; {started.Elapsed.TotalSeconds:F1} s (signed by {signers})";
            }
        }
    }

    // Rough sizes of one entry in the generated files: only used to choose a load strategy and to show an ETA.
    private const long BytesPerVoter = 650, BytesPerInPerson = 150;

    private static long ExpectedEntries(List<(VerifiedFile File, ImportSource Source)> files, long bytesPerEntry) => files.Sum(f => new FileInfo(f.File.Path).Length) / bytesPerEntry;

    // A whole file read at once (election event, lists), confirmed to be the signed bytes before use.
    private static T Read<T>(VerifiedFile file, Func<Stream, T> read)
    {
        using var stream = file.ForLoad();
        var result = read(stream);
        file.Confirm(stream);
        return result;
    }

    // A file streamed into the load; confirmed to be the signed bytes after its last entry, before the load commits.
    private static IEnumerable<T> Stream<T>(VerifiedFile file, Func<Stream, IEnumerable<T>> read, Action done)
    {
        using var stream = file.ForLoad();
        foreach (var item in read(stream))
        {
            yield return item;
        }

        file.Confirm(stream);
        done();
    }

    private static void Enqueue(System.Collections.Concurrent.ConcurrentQueue<EmlIssue> warnings, string path, EmlValidation validation)
    {
        foreach (var warning in validation.Warnings)
        {
            warnings.Enqueue(warning with { Message = $"{Path.GetFileName(path)}: {warning.Message}" });
        }
    }
}

/// <summary>What <c>hv import …</c> was given: the files, the election (in-person list), a signature file and the trust directory.</summary>
public sealed record ImportOptions(IReadOnlyList<string> Files, string? ElectionId, string? Signature, string? Trust);
