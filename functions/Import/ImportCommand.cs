using System.Security.Cryptography;
using HybridVote.Eml;
using HybridVote.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Import;

/// <summary>
/// <c>hv import …</c>: loads EML files (FR001, TR002). Every file must carry a detached signature
/// of a trusted issuing authority, checked before anything is written; a file already loaded (same
/// SHA-256) is a no-op; each load is audited with the file hash and the signer (TR008).
/// </summary>
public static class ImportCommand
{
    /// <summary>Runs the import named by the second word.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CliArgs args, string actor)
    {
        string kind = args.Word(1, "what to import (election, lists, voters, in-person)");
        string file = args.Word(2, "file");
        string? electionId = args.Option("election");
        if (kind is not ("election" or "lists" or "voters" or "in-person"))
        {
            throw new UsageException($"unknown import '{kind}'");
        }

        if (kind == "in-person" && electionId is null)
        {
            throw new UsageException("--election is required");
        }

        var check = Verify(file, args);
        if (check is not SignatureCheck.Valid valid)
        {
            await Console.Error.WriteLineAsync($"hv: {file}: {FileSignature.Describe(check)}; nothing was loaded");
            return 1;
        }

        var importer = services.GetRequiredService<ElectionImporter>();
        if (await importer.AlreadyLoadedAsync(valid.Sha256))
        {
            Console.WriteLine($"{file}: already loaded (sha256 {valid.Sha256}); nothing to do");
            return 0;
        }

        var source = new ImportSource(kind, Path.GetFileName(file), valid.Sha256, valid.KeyId);
        var validation = new EmlValidation(kind switch { "election" => "110", "lists" => "230", _ => "330" });
        await using var stream = File.OpenRead(file);
        try
        {
            string summary = await LoadAsync(services, importer, kind, stream, electionId, actor, source, validation);
            foreach (var warning in validation.Warnings)
            {
                await Console.Error.WriteLineAsync($"hv: {file}: {warning}");
            }

            Console.WriteLine($"{summary} ({FileSignature.Describe(valid)})");
            return 0;
        }
        catch (Exception e) when (e is EmlValidationException or ImportRefused or System.Xml.XmlException or FormatException)
        {
            // The load's transaction was not committed: nothing of the file is visible.
            string problem = e switch
            {
                EmlValidationException v => v.Issue.ToString(),
                System.Xml.XmlException x => $"E100 line {x.LineNumber}, position {x.LinePosition}: not well-formed XML, a DTD, or bytes that do not match the declared encoding: {x.Message}",
                FormatException f => "E106 " + f.Message,
                _ => e.Message,
            };
            await Console.Error.WriteLineAsync($"hv: {file}: {problem}; nothing was loaded");
            return 1;
        }
    }

    /// <summary><c>hv sign --key KEY.pem FILE [--out FILE.sig]</c>: signs a file with an issuing-authority key (dev and test keys).</summary>
    public static int Sign(CliArgs args)
    {
        string file = args.Word(1, "file to sign");
        string keyFile = args.Option("key") ?? throw new UsageException("--key is required");
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(keyFile));
        using var stream = File.OpenRead(file);
        string output = args.Option("out") ?? file + ".sig";
        File.WriteAllText(output, FileSignature.Sign(stream, key));
        Console.WriteLine($"{output}: signed with key {FileSignature.KeyId(key)}");
        return 0;
    }

    private static SignatureCheck Verify(string file, CliArgs args)
    {
        string trust = args.Option("trust") ?? Environment.GetEnvironmentVariable("HybridVote__TrustDirectory")
            ?? throw new UsageException("--trust DIR (or HybridVote__TrustDirectory) is required: the issuing authorities' public keys");
        string? signature = args.Option("signature") is { } sig ? File.ReadAllText(sig) : null;
        using var stream = File.OpenRead(file);
        return FileSignature.Verify(stream, signature, FileSignature.LoadTrustStore(trust));
    }

    private static async Task<string> LoadAsync(IServiceProvider services, ElectionImporter importer, string kind, Stream stream, string? electionId, string actor, ImportSource source, EmlValidation validation)
    {
        switch (kind)
        {
            case "election":
                var elections = EmlReader.ReadElectionEvent(stream, validation);
                foreach (var election in elections)
                {
                    await importer.ImportElectionAsync(election, actor, source);
                }

                return $"{elections.Count} election(s), {elections.Sum(e => e.Contests.Count)} constituencies";
            case "lists":
                var lists = EmlReader.ReadCandidateLists(stream, validation).ToList();
                await importer.ImportListsAsync(lists, actor, source);
                return $"{lists.Count} lists, {lists.Sum(l => l.Effective.Count + l.Substitutes.Count)} candidates";
            case "voters":
                return $"{await importer.ImportVotersAsync(EmlReader.ReadVoters(stream, validation), actor, source)} voter entries";
            default:
                var touched = await importer.ImportInPersonAsync(electionId!, EmlReader.ReadInPersonVoters(stream, validation), actor, source);
                await services.GetRequiredService<StatusCache>().InvalidateAsync(touched.Select(StatusCache.EnvelopeKey));
                return $"{touched.Count} hybrid voters also voted in person";
        }
    }
}
