using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Pages;

namespace HybridVote.ReceptionStation;

/// <summary>
/// The pages of bureau staff (FR011): their roles, and a reception bureau's station (team A). Every
/// page and action passes <see cref="StaffGate"/>: a staff session whose roles, read at this
/// request, allow it at this bureau. A scanner device's credential opens none of them.
/// </summary>
public static class StationEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static WebApplication MapStationEndpoints(this WebApplication app)
    {
        app.MapGet(Routes.Station, async (HttpContext ctx, StationService service) =>
        {
            var (access, refusal) = await StaffGate.CheckAsync(ctx, _ => true);
            return access is null ? refusal! : PageResults.StaffHome(await service.HomeAsync(access, ErrorPages.Frame(ctx), ctx.RequestAborted));
        });
        app.MapGet(Routes.StationBureau, async (string bureauId, HttpContext ctx, StationService service) =>
        {
            var (bureau, access, refusal) = await GateAsync(ctx, service, bureauId, StaffPermission.Receive);
            return bureau is null ? refusal! : PageResults.Station(await service.StationAsync(bureau, access!, ErrorPages.Frame(ctx), null, ctx.RequestAborted));
        });
        app.MapPost(Routes.StationScan, async (string bureauId, HttpContext ctx, StationService service) =>
        {
            var (bureau, access, refusal) = await GateAsync(ctx, service, bureauId, StaffPermission.Receive);
            if (bureau is null)
            {
                return refusal!;
            }

            var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
            var scan = new StationScan(form["labelToken"].ToString(), form["scanId"].ToString(), form["secondEnvelope"] == "true");
            return PageResults.Station(await service.StationAsync(bureau, access!, ErrorPages.Frame(ctx), scan, ctx.RequestAborted));
        }).RequireFormToken();
        // Only the bureau's president closes its intake (SEC014).
        app.MapPost(Routes.StationClose, async (string bureauId, HttpContext ctx, StationService service) =>
        {
            var (bureau, access, refusal) = await GateAsync(ctx, service, bureauId, StaffPermission.Preside);
            if (bureau is null)
            {
                return refusal!;
            }

            var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
            var close = new StationClose(form["countedAccepted"].ToString(), form["countedSetAside"].ToString(), form["countedAgain"] == "true");
            return PageResults.Station(await service.CloseAsync(bureau, access!, ErrorPages.Frame(ctx), close, ctx.RequestAborted));
        }).RequireFormToken();
        app.MapGet(Routes.StationReport, async (string bureauId, HttpContext ctx, StationService service) =>
        {
            var (bureau, _, refusal) = await GateAsync(ctx, service, bureauId, StaffPermission.Receive);
            return bureau is null ? refusal! : Results.File(await service.ReportAsync(bureau, ErrorPages.Frame(ctx).Language, ctx.RequestAborted), "application/pdf", $"reception-{bureau.Id}.pdf");
        });
        return app;
    }

    // The bureau, when it exists and the person holds the permission there; the 403 page otherwise
    // (an unknown bureau answers the same, so the page tells nothing about which bureaus exist).
    private static async Task<(Storage.BureauInfo? Bureau, StaffAccess? Access, IResult? Refusal)> GateAsync(HttpContext ctx, StationService service, string bureauId, StaffPermission permission)
    {
        var bureau = await service.BureauAsync(bureauId, ctx.RequestAborted);
        if (bureau is null)
        {
            return (null, null, (await StaffGate.CheckAsync(ctx, _ => false)).Refusal);
        }

        var (access, refusal) = await StaffGate.CheckAsync(ctx, StaffGate.At(bureau, permission));
        return access is null ? (null, null, refusal) : (bureau, access, null);
    }
}
