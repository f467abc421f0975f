using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Pages;

namespace HybridVote.CountingStation;

/// <summary>
/// The tally sheet pages of a counting bureau (team B). Every page and action passes
/// <see cref="StaffGate"/>: typing needs a counting typist of the bureau, deciding its president.
/// </summary>
public static class CountingEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static WebApplication MapCountingEndpoints(this WebApplication app)
    {
        app.MapGet(Routes.CountingBureau, async (string bureauId, HttpContext ctx, TallyService service) =>
        {
            var (bureau, access, refusal) = await GateAsync(ctx, service, bureauId, roles => roles.Any(a => a.BureauId == bureauId
                && (StaffRules.Permits(a.Role, StaffPermission.Count) || StaffRules.Permits(a.Role, StaffPermission.Preside))));
            return bureau is null ? refusal! : PageResults.Counting(await service.PageAsync(bureau, access!, ErrorPages.Frame(ctx), null, null, ctx.RequestAborted));
        });
        app.MapPost(Routes.CountingEntry, async (string bureauId, HttpContext ctx, TallyService service) =>
        {
            var (bureau, access, refusal) = await GateAsync(ctx, service, bureauId, roles => roles.Any(a => a.BureauId == bureauId && StaffRules.Permits(a.Role, StaffPermission.Count)));
            if (bureau is null)
            {
                return refusal!;
            }

            var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
            var typed = form.Where(p => p.Key != "__RequestVerificationToken").ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
            return PageResults.Counting(await service.PageAsync(bureau, access!, ErrorPages.Frame(ctx), new TypedEntry(typed), null, ctx.RequestAborted));
        }).RequireFormToken();
        app.MapPost(Routes.CountingDecide, async (string bureauId, HttpContext ctx, TallyService service) =>
        {
            var (bureau, access, refusal) = await GateAsync(ctx, service, bureauId, roles => roles.Any(a => a.BureauId == bureauId && StaffRules.Permits(a.Role, StaffPermission.Preside)));
            if (bureau is null)
            {
                return refusal!;
            }

            var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
            var decision = new PresidentDecision(form["field"].ToString(), form["sendBack"] == "true", form["value"].ToString());
            return PageResults.Counting(await service.PageAsync(bureau, access!, ErrorPages.Frame(ctx), null, decision, ctx.RequestAborted));
        }).RequireFormToken();
        app.MapPost(Routes.CountingLock, async (string bureauId, HttpContext ctx, TallyService service) =>
        {
            var (bureau, access, refusal) = await GateAsync(ctx, service, bureauId, roles => roles.Any(a => a.BureauId == bureauId && StaffRules.Permits(a.Role, StaffPermission.Preside)));
            if (bureau is null)
            {
                return refusal!;
            }

            var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
            var explanations = form.Where(p => p.Key.StartsWith("explain:", StringComparison.Ordinal)).ToDictionary(p => p.Key["explain:".Length..], p => p.Value.ToString(), StringComparer.Ordinal);
            return PageResults.Counting(await service.PageAsync(bureau, access!, ErrorPages.Frame(ctx), null, null, ctx.RequestAborted, new LockRequest(explanations)));
        }).RequireFormToken();
        return app;
    }

    // The bureau, when it exists and the person's roles there allow the action; the 403 page otherwise.
    private static async Task<(Storage.BureauInfo? Bureau, StaffAccess? Access, IResult? Refusal)> GateAsync(HttpContext ctx, TallyService service, string bureauId,
        Func<IReadOnlyList<StaffAssignment>, bool> allowed)
    {
        var bureau = await service.BureauAsync(bureauId, ctx.RequestAborted);
        var (access, refusal) = await StaffGate.CheckAsync(ctx, roles => bureau is not null && allowed([.. roles.Where(r => r.ElectionId == bureau.ElectionId)]));
        return access is null || bureau is null ? (null, null, refusal) : (bureau, access, null);
    }
}
