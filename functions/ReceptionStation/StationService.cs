using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Pages;
using HybridVote.Reception;
using HybridVote.Storage;

namespace HybridVote.ReceptionStation;

/// <summary>A scan sent from the station's form: the token, the form's scan id, and whether a second envelope was confirmed.</summary>
public sealed record StationScan(string LabelToken, string ScanId, bool SecondEnvelope);

/// <summary>A close sent by the president: the two hand counts as typed, and whether they counted again after a difference.</summary>
public sealed record StationClose(string CountedAccepted, string CountedSetAside, bool CountedAgain);

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
            string? counting = bureau is not null && (StaffRules.Permits(role.Role, StaffPermission.Count) || StaffRules.Permits(role.Role, StaffPermission.Preside))
                ? Routes.ForBureau(Routes.CountingBureau, bureau.Id) : null;
            lines.Add(new StaffRoleLine(role.Role, names.GetValueOrDefault(role.ElectionId, role.ElectionId), role.BureauId, bureau?.Name, station, counting)
            {
                Progress = StaffRules.Permits(role.Role, StaffPermission.Organise) || StaffRules.Permits(role.Role, StaffPermission.Audit) ? Routes.CountingProgress : null,
            });
        }

        return new StaffHomeView(frame with { LoggedIn = true }, access.Session.GivenName, lines);
    }

    /// <summary>The station of a bureau, after recording <paramref name="scan"/> when one was sent.</summary>
    public async Task<StationView> StationAsync(BureauInfo bureau, StaffAccess access, PageFrame frame, StationScan? scan, CancellationToken ct)
    {
        ScanOutcomeView? outcome = null;
        bool unreadable = false, refused = false;
        var closed = await reception.CloseOfAsync(bureau.Id, ct);
        if (scan is not null && closed is not null)
        {
            // After the president's close nothing more is recorded at this station (FR008).
            refused = true;
        }
        else if (scan is not null)
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

        return await ViewAsync(bureau, access, frame, closed, ct) with { Outcome = outcome, Unreadable = unreadable, ScanRefused = refused };
    }

    /// <summary>Records the president's close of the bureau's intake (FR008), and the station as it then is.</summary>
    public async Task<StationView> CloseAsync(BureauInfo bureau, StaffAccess access, PageFrame frame, StationClose close, CancellationToken ct)
    {
        long? accepted = Count(close.CountedAccepted), setAside = Count(close.CountedSetAside);
        CloseAttempt attempt;
        if (accepted is null || setAside is null)
        {
            attempt = new CloseAttempt(accepted, setAside, null, Unreadable: true);
        }
        else
        {
            var refusal = await reception.CloseAsync(bureau.Id, new ReceptionClose(clock.GetUtcNow(), StaffStore.Subject(access.Session.StaffKey), accepted.Value, setAside.Value), close.CountedAgain, ct);
            attempt = new CloseAttempt(accepted, setAside, refusal, Unreadable: false);
        }

        return await ViewAsync(bureau, access, frame, await reception.CloseOfAsync(bureau.Id, ct), ct) with { Close = attempt };
    }

    /// <summary>The bureau's reception report as PDF, in the page's language.</summary>
    public async Task<byte[]> ReportAsync(BureauInfo bureau, Language language, CancellationToken ct)
    {
        var election = await elections.ElectionAsync(bureau.ElectionId, ct);
        var view = new HybridVote.Ballots.ReceptionReportView(language, election?.Name ?? bureau.ElectionId, bureau.Id, bureau.Name, clock.GetUtcNow(),
            await reception.DaysAsync(bureau.Id, ct), await reception.CloseOfAsync(bureau.Id, ct));
        return HybridVote.Ballots.ReceptionReportRenderer.Render(view);
    }

    private async Task<StationView> ViewAsync(BureauInfo bureau, StaffAccess access, PageFrame frame, ReceptionClose? closed, CancellationToken ct)
    {
        var days = await reception.DaysAsync(bureau.Id, ct);
        var recent = (await reception.RecentAsync(bureau.Id, RecentScans, ct))
            .Select(r => new RecentScanLine(r.ScannedAt, r.SecondEnvelope, r.Outcome is { } o ? ScanVerdicts.OfStored(o.Outcome, o.RejectReason) : null, r.ForwardTo)).ToList();
        bool presides = StaffRules.Allows(access.Roles, StaffPermission.Preside, bureau.ElectionId, bureau.Id);
        return new StationView(frame with { LoggedIn = true }, bureau.Id, bureau.Name, Guid.NewGuid().ToString("N"), null, false, days, recent, presides, closed);
    }

    // A hand count: a whole number of 0 or more, as typed (spaces ignored); null otherwise.
    private static long? Count(string typed) =>
        long.TryParse(typed.Replace(" ", string.Empty, StringComparison.Ordinal), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n) && n <= 999_999_999 ? n : null;
}
