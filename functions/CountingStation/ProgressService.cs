using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Pages;
using HybridVote.Storage;

namespace HybridVote.CountingStation;

/// <summary>
/// The count's progress for the organisers and auditors of an election: per constituency, the
/// bureaus and how many tally sheets stand in each state — never a figure (FR012), so it may be
/// watched while counting goes on.
/// </summary>
public sealed class ProgressService(TallyStore tallies, ElectionStore elections)
{
    /// <summary>Whether the roles let the person watch the progress of some election.</summary>
    public static bool MayWatch(IReadOnlyList<StaffAssignment> roles) => roles.Any(Watches);

    /// <summary>
    /// The progress of the elections the person watches, with per constituency the definitive sheets
    /// not yet locked that raise a warning of their own (W.201, W.202: the president must explain them
    /// before the lock). W.203 compares with the other bureaus' locked sheets and is left to the lock.
    /// </summary>
    public async Task<IReadOnlyList<CountingProgressLine>> LinesAsync(StaffAccess access, CancellationToken ct)
    {
        string[] electionIds = [.. access.Roles.Where(Watches).Select(r => r.ElectionId).Distinct(StringComparer.Ordinal)];
        var lines = await tallies.ProgressAsync(electionIds, ct);
        var open = new Dictionary<(string, string), long>();
        foreach (var contest in (await tallies.DefinitiveUnlockedAsync(electionIds, ct)).GroupBy(d => (d.ElectionId, d.ContestId)))
        {
            var context = new CheckContext(TallyLayout.Of(await elections.ListsAsync(contest.Key.ElectionId, contest.Key.ContestId, ct)));
            open[contest.Key] = contest.Count(d => d.Entry.Values is { } sheet
                && TallyChecks.All.Any(c => c.Severity == CheckSeverity.Warning && c.Evaluate(sheet, context).Any()));
        }

        return [.. lines.Select(l => l with { WarningsOpen = open.GetValueOrDefault((l.ElectionId, l.ContestId)) })];
    }

    /// <summary>The progress page.</summary>
    public async Task<ProgressView> PageAsync(StaffAccess access, PageFrame frame, CancellationToken ct) =>
        new(frame with { LoggedIn = true }, await LinesAsync(access, ct));

    /// <summary>Whether a role watches its election's count: organisers and auditors (the progress and the results).</summary>
    internal static bool Watches(StaffAssignment role) => StaffRules.Permits(role.Role, StaffPermission.Organise) || StaffRules.Permits(role.Role, StaffPermission.Audit);
}
