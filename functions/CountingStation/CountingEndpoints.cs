using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Pages;

namespace HybridVote.CountingStation;

/// <summary>
/// The tally sheet pages of a counting bureau (team B) and the count's progress. Every page and
/// action passes <see cref="StaffGate"/>: typing needs a counting typist of the bureau, deciding
/// and locking its president, unlocking the president of the constituency's main bureau; the
/// progress and the results, an organiser or an auditor of the election.
/// </summary>
public static class CountingEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static WebApplication MapCountingEndpoints(this WebApplication app)
    {
        app.MapGet(Routes.CountingBureau, async (string bureauId, HttpContext ctx, TallyService service) =>
            await ActAsync(ctx, service, bureauId, Who.BureauOrConstituency, _ => null));
        app.MapPost(Routes.CountingEntry, async (string bureauId, HttpContext ctx, TallyService service) =>
            await ActAsync(ctx, service, bureauId, Who.Typist, form => new CountingAction.Entry(
                form.Where(p => p.Key != "__RequestVerificationToken").ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal)))).RequireFormToken();
        app.MapPost(Routes.CountingDecide, async (string bureauId, HttpContext ctx, TallyService service) =>
            await ActAsync(ctx, service, bureauId, Who.President, form => new CountingAction.Decide(form["field"].ToString(), form["sendBack"] == "true", form["value"].ToString()))).RequireFormToken();
        app.MapPost(Routes.CountingLock, async (string bureauId, HttpContext ctx, TallyService service) =>
            await ActAsync(ctx, service, bureauId, Who.President, form => new CountingAction.Lock(form.Where(p => p.Key.StartsWith("explain:", StringComparison.Ordinal))
                .ToDictionary(p => p.Key["explain:".Length..], p => p.Value.ToString(), StringComparer.Ordinal)))).RequireFormToken();
        app.MapPost(Routes.CountingCopy, async (string bureauId, HttpContext ctx, TallyService service) =>
            await ActAsync(ctx, service, bureauId, Who.President, form => new CountingAction.Copy(form["entry"].ToString(), form["decision"] == "confirm"))).RequireFormToken();
        app.MapPost(Routes.CountingReopen, async (string bureauId, HttpContext ctx, TallyService service) =>
            await ActAsync(ctx, service, bureauId, Who.President, form => new CountingAction.Reopen([.. form["field"].Select(f => f ?? string.Empty)]))).RequireFormToken();
        app.MapPost(Routes.CountingUnlock, async (string bureauId, HttpContext ctx, TallyService service) =>
            await ActAsync(ctx, service, bureauId, Who.ConstituencyPresident, form => new CountingAction.Unlock(
                int.TryParse(form["version"], out int v) ? v : 0, form["reason"].ToString()))).RequireFormToken();
        app.MapGet(Routes.CountingProgress, async (HttpContext ctx, ProgressService progress) =>
        {
            var (access, refusal) = await StaffGate.CheckAsync(ctx, ProgressService.MayWatch);
            return access is null ? refusal! : PageResults.Progress(await progress.PageAsync(access, ErrorPages.Frame(ctx), ctx.RequestAborted));
        });
        app.MapGet(Routes.CountingProgressCsv, async (HttpContext ctx, ProgressService progress) =>
        {
            var (access, refusal) = await StaffGate.CheckAsync(ctx, ProgressService.MayWatch);
            return access is null ? refusal! : Results.Text(CountingProgressLine.Csv(await progress.LinesAsync(access, ctx.RequestAborted)), "text/csv; charset=utf-8");
        });
        app.MapGet(Routes.CountingResults, async (HttpContext ctx, ResultsService results) =>
        {
            var (access, refusal) = await StaffGate.CheckAsync(ctx, ResultsService.MayExport);
            return access is null ? refusal! : PageResults.ResultsPage(await results.PageAsync(access, ErrorPages.Frame(ctx), ctx.RequestAborted));
        });
        app.MapGet(Routes.CountingResultsFile, async (string electionId, string contestId, string file, HttpContext ctx, ResultsService results) =>
        {
            var (access, refusal) = await StaffGate.CheckAsync(ctx, roles => ResultsService.MayExport(roles, electionId));
            if (access is null)
            {
                return refusal!;
            }

            var (found, heldBack) = await results.FileAsync(electionId, contestId, file, ctx.RequestAborted);
            return found is not null ? Results.File(found.Bytes, found.MediaType, found.Name)
                : heldBack ? PageResults.ResultsPage(await results.PageAsync(access, ErrorPages.Frame(ctx), ctx.RequestAborted), heldBack: true)
                : ErrorPages.Page(ctx, ErrorKind.NotFound);
        });
        return app;
    }

    // Who may do an action on a bureau's sheet.
    private enum Who
    {
        Typist,
        President,
        ConstituencyPresident,
        BureauOrConstituency,
    }

    // The bureau, when it exists and the person's roles there allow the action (the 403 page otherwise);
    // then the action read from the form, applied, and the page.
    private static async Task<IResult> ActAsync(HttpContext ctx, TallyService service, string bureauId, Who who, Func<IFormCollection, CountingAction?> read)
    {
        var bureau = await service.BureauAsync(bureauId, ctx.RequestAborted);
        string? main = bureau is null ? null : await service.MainBureauAsync(bureau, ctx.RequestAborted);
        var (access, refusal) = await StaffGate.CheckAsync(ctx, roles => bureau is not null && roles.Where(r => r.ElectionId == bureau.ElectionId).Any(a =>
            (a.BureauId == bureauId && who is Who.Typist or Who.BureauOrConstituency && StaffRules.Permits(a.Role, StaffPermission.Count))
            || (a.BureauId == bureauId && who is Who.President or Who.BureauOrConstituency && StaffRules.Permits(a.Role, StaffPermission.Preside))
            || (a.BureauId == main && who is Who.ConstituencyPresident or Who.BureauOrConstituency && StaffRules.Permits(a.Role, StaffPermission.Preside))));
        if (access is null || bureau is null)
        {
            return refusal!;
        }

        var action = ctx.Request.HasFormContentType ? read(await ctx.Request.ReadFormAsync(ctx.RequestAborted)) : null;
        return PageResults.Counting(await service.PageAsync(bureau, main, access, ErrorPages.Frame(ctx), action, ctx.RequestAborted));
    }
}
