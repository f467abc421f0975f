using HybridVote.Domain;
using HybridVote.Export;
using HybridVote.Hosting;
using HybridVote.Pages;

namespace HybridVote.CountingStation;

/// <summary>
/// The results page and downloads of the organisers and auditors of an election (REQUIREMENTS §6,
/// OUT005): per constituency, held back by the embargo or by a bureau not locked (FR012, TR014), or
/// ready with its files. One file is made on request; nothing is kept.
/// </summary>
public sealed class ResultsService(ResultsExport export)
{
    /// <summary>Whether the roles let the person see some election's results.</summary>
    public static bool MayExport(IReadOnlyList<StaffAssignment> roles) => roles.Any(ProgressService.Watches);

    /// <summary>Whether the roles let the person see this election's results.</summary>
    public static bool MayExport(IReadOnlyList<StaffAssignment> roles, string electionId) => roles.Any(r => r.ElectionId == electionId && ProgressService.Watches(r));

    /// <summary>The results page of the elections the person organises or audits.</summary>
    public async Task<ResultsView> PageAsync(StaffAccess access, PageFrame frame, CancellationToken ct)
    {
        var lines = new List<ResultsLine>();
        foreach (string electionId in access.Roles.Where(ProgressService.Watches).Select(r => r.ElectionId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            foreach (var (header, state) in await export.ElectionAsync(electionId, ct) ?? [])
            {
                lines.Add(state switch
                {
                    ResultsState.Embargoed e => new ResultsLine(electionId, header.ElectionName, header.ContestId, header.ContestName, ResultsLineState.Embargoed, e.Until, [], [], []),
                    ResultsState.Waiting w => new ResultsLine(electionId, header.ElectionName, header.ContestId, header.ContestName, ResultsLineState.Waiting, null, w.Bureaus, [], []),
                    ResultsState.Ready r => Ready(r),
                    _ => throw new InvalidOperationException(),
                });
            }
        }

        return new ResultsView(frame with { LoggedIn = true }, lines);
    }

    /// <summary>One file of a ready constituency; null when the constituency or the file does not exist, held back (with the page) when not ready.</summary>
    public async Task<(ExportFile? File, bool HeldBack)> FileAsync(string electionId, string contestId, string name, CancellationToken ct)
    {
        var state = await export.ConstituencyAsync(electionId, contestId, ct);
        if (state is not ResultsState.Ready ready)
        {
            return (null, state is not null);
        }

        return (export.File(ready.Count, name), false);
    }

    private static ResultsLine Ready(ResultsState.Ready ready)
    {
        var h = ready.Count.Header;
        var (constituency, bureaus) = ResultsExport.FileNames(ready.Count);
        return new ResultsLine(h.ElectionId, h.ElectionName, h.ContestId, h.ContestName, ResultsLineState.Ready, null, [.. ready.Count.Bureaus.Select(b => b.Id)], constituency, bureaus);
    }
}
