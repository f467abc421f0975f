using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Pages;
using HybridVote.Reception;
using HybridVote.Storage;

namespace HybridVote.ReceptionStation;

/// <summary>A scan sent from the station's form: the token, the form's scan id, and whether a second envelope was confirmed.</summary>
public sealed record StationScan(string LabelToken, string ScanId, bool SecondEnvelope);

/// <summary>
/// Builds the staff pages from the stores, and records a station's scan through the same
/// <see cref="IntakeService"/> as a scanner device: durable before the answer, once per scan id.
/// </summary>
public sealed class StationService(IntakeService intake, ElectionStore elections, ReceptionStore reception, TimeProvider clock)
{
    private const int RecentScans = 15;

    /// <summary>The bureau, or null when it does not exist.</summary>
    public Task<BureauInfo?> BureauAsync(string bureauId, CancellationToken ct) => elections.BureauAsync(bureauId, ct);

    /// <summary>The staff home page: every role the person holds now, with the station of the roles that receive envelopes.</summary>
    public async Task<StaffHomeView> HomeAsync(StaffAccess access, PageFrame frame, CancellationToken ct)
    {
        var names = (await elections.ElectionsAsync(ct)).ToDictionary(e => e.Id, e => e.Name);
        var lines = new List<StaffRoleLine>();
        foreach (var role in access.Roles.OrderBy(r => r.ElectionId, StringComparer.Ordinal).ThenBy(r => r.BureauId, StringComparer.Ordinal).ThenBy(r => r.Role))
        {
            var bureau = role.BureauId is null ? null : await elections.BureauAsync(role.BureauId, ct);
            string? station = bureau is not null && StaffRules.Permits(role.Role, StaffPermission.Receive) ? Routes.ForBureau(Routes.StationBureau, bureau.Id) : null;
            lines.Add(new StaffRoleLine(role.Role, names.GetValueOrDefault(role.ElectionId, role.ElectionId), role.BureauId, bureau?.Name, station));
        }

        return new StaffHomeView(frame with { LoggedIn = true }, access.Session.GivenName, lines);
    }

    /// <summary>The station of a bureau, after recording <paramref name="scan"/> when one was sent.</summary>
    public async Task<StationView> StationAsync(BureauInfo bureau, PageFrame frame, StationScan? scan, CancellationToken ct)
    {
        ScanOutcomeView? outcome = null;
        bool unreadable = false;
        if (scan is not null)
        {
            // The form's scan id makes a re-sent form (reload, double press) the same receipt.
            var receipt = new ReceiptDto(scan.LabelToken.Trim(), clock.GetUtcNow(), "station-" + (Guid.TryParse(scan.ScanId, out var id) ? id : Guid.NewGuid()).ToString("N"), scan.SecondEnvelope);
            if (intake.Validate([receipt]).Count > 0)
            {
                unreadable = true;
            }
            else
            {
                var answer = (await intake.EnqueueAsync(bureau, [receipt], ct))[0].Receipt;
                outcome = answer?.Verdict is { } code && ScanVerdicts.FromCode(code) is { } verdict
                    ? new ScanOutcomeView(verdict, answer.Final, LabelTokenChecks.FromCode(answer.LabelCheck), answer.ReceivedAt, answer.ReceivedBy?.Name, answer.MainBureau?.Name, receipt.LabelToken!)
                    : null;
            }
        }

        var days = await reception.DaysAsync(bureau.Id, ct);
        var recent = (await reception.RecentAsync(bureau.Id, RecentScans, ct))
            .Select(r => new RecentScanLine(r.ScannedAt, r.SecondEnvelope, r.Outcome is { } o ? ScanVerdicts.OfStored(o.Outcome, o.RejectReason) : null)).ToList();
        return new StationView(frame with { LoggedIn = true }, bureau.Id, bureau.Name, Guid.NewGuid().ToString("N"), outcome, unreadable, days, recent);
    }
}
