using HybridVote.Eml;
using HybridVote.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Import;

/// <summary><c>hv import …</c>: loads EML files (FR001, TR002), each load audited (TR008).</summary>
public static class ImportCommand
{
    /// <summary>Runs the import named by the second word.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CliArgs args, string actor)
    {
        string kind = args.Word(1, "what to import (election, lists, voters, in-person)");
        string file = args.Word(2, "file");
        var importer = services.GetRequiredService<ElectionImporter>();
        await using var stream = File.OpenRead(file);
        switch (kind)
        {
            case "election":
                foreach (var election in EmlReader.ReadElectionEvent(stream))
                {
                    await importer.ImportElectionAsync(election, actor);
                    Console.WriteLine($"election {election.Id}: {election.Contests.Count} constituencies");
                }

                return 0;
            case "lists":
                var lists = EmlReader.ReadCandidateLists(stream).ToList();
                await importer.ImportListsAsync(lists, actor);
                Console.WriteLine($"{lists.Count} lists, {lists.Sum(l => l.Effective.Count + l.Substitutes.Count)} candidates");
                return 0;
            case "voters":
                int count = await importer.ImportVotersAsync(EmlReader.ReadVoters(stream), actor);
                Console.WriteLine($"{count} voter entries");
                return 0;
            case "in-person":
                string electionId = args.Option("election") ?? throw new UsageException("--election is required");
                var touched = await importer.ImportInPersonAsync(electionId, EmlReader.ReadInPersonVoters(stream), actor);
                await services.GetRequiredService<StatusCache>().InvalidateAsync(touched.Select(StatusCache.EnvelopeKey));
                Console.WriteLine($"{touched.Count} hybrid voters also voted in person");
                return 0;
            default:
                throw new UsageException($"unknown import '{kind}'");
        }
    }
}
