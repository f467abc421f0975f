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
public sealed class ProgressService(TallyStore tallies)
{
    /// <summary>Whether the roles let the person watch the progress of some election.</summary>
    public static bool MayWatch(IReadOnlyList<StaffAssignment> roles) => roles.Any(Watches);

    /// <summary>The progress of the elections the person watches.</summary>
    public Task<IReadOnlyList<CountingProgressLine>> LinesAsync(StaffAccess access, CancellationToken ct) =>
        tallies.ProgressAsync([.. access.Roles.Where(Watches).Select(r => r.ElectionId).Distinct(StringComparer.Ordinal)], ct);

    /// <summary>The progress page.</summary>
    public async Task<ProgressView> PageAsync(StaffAccess access, PageFrame frame, CancellationToken ct) =>
        new(frame with { LoggedIn = true }, await LinesAsync(access, ct));

    /// <summary>Whether a role watches its election's count: organisers and auditors (the progress and the results).</summary>
    internal static bool Watches(StaffAssignment role) => StaffRules.Permits(role.Role, StaffPermission.Organise) || StaffRules.Permits(role.Role, StaffPermission.Audit);
}
