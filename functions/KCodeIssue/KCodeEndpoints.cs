using HybridVote.Hosting;
using HybridVote.Pages;

namespace HybridVote.KCodeIssue;

/// <summary>The print action as a page (<c>POST /print</c>) and as JSON (<c>POST /print/api</c>).</summary>
public static class KCodeEndpoints
{
    /// <summary>Maps the endpoints; both need a voter session.</summary>
    public static WebApplication MapKCodeEndpoints(this WebApplication app)
    {
        app.MapPost(Routes.Print, PrintPageAsync).RequireAuthorization().RequireFormToken();
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

    private static async Task<IResult> PrintPageAsync(HttpContext ctx, KCodeService service)
    {
        var session = VoterSession.From(ctx)!;
        if (!session.Eligible)
        {
            return ErrorPages.Page(ctx, ErrorKind.NotEligible);
        }

        return await service.PrintAsync(session.VoterKey!, ErrorPages.Frame(ctx).Language, ctx.RequestAborted) switch
        {
            PrintOutcome.Issued issued => PageResults.Print(new PrintView(ErrorPages.Frame(ctx), issued.Codes.Select(c => new PrintedCode(c.ElectionId, c.ElectionName, c.KCode)).ToList())),
            PrintOutcome.IssueClosed => ErrorPages.Page(ctx, ErrorKind.IssueClosed),
            _ => ErrorPages.Page(ctx, ErrorKind.NotEligible),
        };
    }
}
