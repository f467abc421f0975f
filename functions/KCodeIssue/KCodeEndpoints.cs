using HybridVote.Hosting;
using HybridVote.Pages;

namespace HybridVote.KCodeIssue;

/// <summary>
/// The print action as a page (<c>POST /print</c>, then <c>GET /print</c>) and as JSON
/// (<c>POST /print/api</c>). A second print is asked about first; the page after a print is reached
/// by a redirect, so a reload never issues new codes.
/// </summary>
public static class KCodeEndpoints
{
    /// <summary>Maps the endpoints; all need a voter session.</summary>
    public static WebApplication MapKCodeEndpoints(this WebApplication app)
    {
        app.MapPost(Routes.Print, PrintPageAsync).RequireAuthorization().RequireFormToken();
        app.MapGet(Routes.Print, ShownPageAsync).RequireAuthorization();
        app.MapPost(Routes.PrintApi, PrintApiAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> PrintApiAsync(HttpContext ctx, KCodeService service)
    {
        var session = VoterSession.From(ctx)!;
        if (!session.Eligible)
        {
            return Problems.Create(403, "not-eligible", "The voter is not registered for the hybrid mode.");
        }

        return await service.PrintAsync(session.VoterKey!, ErrorPages.Frame(ctx).Language, ctx.RequestAborted) switch
        {
            PrintOutcome.Issued issued => TypedResults.Ok(new { codes = issued.Codes }),
            PrintOutcome.IssueClosed => Problems.Create(409, "issue-closed", "No election is open for printing now."),
            _ => Problems.Create(403, "not-eligible", "The voter is not registered for the hybrid mode."),
        };
    }

    private static async Task<IResult> PrintPageAsync(HttpContext ctx, KCodeService service, ShownCodes shown)
    {
        var session = VoterSession.From(ctx)!;
        if (!session.Eligible)
        {
            return ErrorPages.Page(ctx, ErrorKind.NotEligible);
        }

        var frame = ErrorPages.Frame(ctx);
        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        if (form["again"] != "yes" && await service.PrintedBeforeAsync(session.VoterKey!, frame.Language, ctx.RequestAborted) is { } before)
        {
            return PageResults.Reprint(new ReprintView(frame, before.LastPrinted, before.Elections));
        }

        switch (await service.PrintAsync(session.VoterKey!, frame.Language, ctx.RequestAborted))
        {
            case PrintOutcome.Issued issued:
                shown.Keep(ctx, session.VoterKey!, new ShownCodes.Shown(issued.PrintedAt, [.. issued.Codes.Select(c => new ShownCodes.ShownCode(c.ElectionId, c.KCode))]));
                ctx.Response.Headers.CacheControl = "no-store";
                return new SeeOther(Routes.Print);
            case PrintOutcome.IssueClosed:
                return ErrorPages.Page(ctx, ErrorKind.IssueClosed);
            default:
                return ErrorPages.Page(ctx, ErrorKind.NotEligible);
        }
    }

    private static async Task<IResult> ShownPageAsync(HttpContext ctx, KCodeService service, ShownCodes shown)
    {
        var session = VoterSession.From(ctx)!;
        if (!session.Eligible)
        {
            return ErrorPages.Page(ctx, ErrorKind.NotEligible);
        }

        // The codes must not stay in a shared computer's browser cache.
        ctx.Response.Headers.CacheControl = "no-store";
        var frame = ErrorPages.Frame(ctx);
        if (shown.Read(ctx, session.VoterKey!) is not { } codes)
        {
            return PageResults.Print(new PrintView(frame, []));
        }

        var nameOf = await service.ElectionNamesAsync(frame.Language, ctx.RequestAborted);
        return PageResults.Print(new PrintView(frame, [.. codes.Codes.Select(c => new PrintedCode(c.ElectionId, nameOf(c.ElectionId), c.KCode))], codes.PrintedAt));
    }

    // 303 See Other: the browser follows a POST with a GET of the page.
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
