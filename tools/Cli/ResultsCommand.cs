using HybridVote.ElectionResults;
using HybridVote.Export;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Cli;

/// <summary>
/// <c>hv results --election E [--contest C] --out DIR</c>: writes each ready constituency's results
/// (EML 510 and signatures, PVs, CSV, JSON) to DIR/E/, and says for the others why not — the embargo
/// (FR012, TR014) or the bureaus that have not locked. Exit 0 when every constituency asked for was
/// written, 1 when one was held back.
/// </summary>
public static class ResultsCommand
{
    /// <summary>Runs the export.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string electionId, string? contestId, string outDir)
    {
        var export = services.GetRequiredService<ResultsExport>();
        var states = await export.ElectionAsync(electionId) ?? throw new UsageException($"election {electionId} does not exist");
        var chosen = states.Where(s => contestId is null || s.Header.ContestId == contestId).ToList();
        if (chosen.Count == 0)
        {
            throw new UsageException($"election {electionId} has no constituency {contestId}");
        }

        string dir = Path.Combine(outDir, electionId);
        Directory.CreateDirectory(dir);
        int heldBack = 0;
        foreach (var (header, state) in chosen)
        {
            switch (state)
            {
                case ResultsState.Ready ready:
                    var files = export.Files(ready.Count);
                    foreach (var file in files)
                    {
                        await File.WriteAllBytesAsync(Path.Combine(dir, file.Name), file.Bytes);
                    }

                    Console.WriteLine($"{header.ContestId}: {ready.Count.Bureaus.Count} bureaus locked, {files.Count} files written to {dir}");
                    break;
                case ResultsState.Embargoed embargoed:
                    heldBack++;
                    await Console.Error.WriteLineAsync($"{header.ContestId}: held back, no figure before {embargoed.Until:u} (in-person close or the election's results embargo)");
                    break;
                case ResultsState.Waiting waiting:
                    heldBack++;
                    await Console.Error.WriteLineAsync($"{header.ContestId}: held back, {Reason(waiting.Reason)}: {string.Join(", ", waiting.Bureaus)}");
                    break;
            }
        }

        return heldBack == 0 ? 0 : 1;
    }

    private static string Reason(AggregateRefusal reason) => reason switch
    {
        AggregateRefusal.Unlocked => "not locked yet by their president",
        AggregateRefusal.Missing => "bureaus without figures",
        AggregateRefusal.Duplicated => "bureaus given twice",
        _ => "bureaus of another constituency",
    };
}
