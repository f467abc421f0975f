using System.Globalization;
using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Pages;
using HybridVote.Storage;

namespace HybridVote.StatusQuery;

/// <summary>The status page and its JSON twins (FR005, FR009). Never shows the content of a vote.</summary>
public static class StatusEndpoints
{
    /// <summary>Maps the endpoints; all need a voter session.</summary>
    public static WebApplication MapStatusEndpoints(this WebApplication app)
    {
        var group = app.MapGroup(Routes.Status).RequireAuthorization();
        group.MapGet("/", (HttpContext ctx, StatusService service) => PageAsync(ctx, service, null));
        group.MapPost("/", async (HttpContext ctx, StatusService service) =>
        {
            var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
            return await PageAsync(ctx, service, await CheckAsync(ctx, service, form["kcode"].ToString()));
        }).RequireFormToken();
        group.MapGet("/api/envelopes", async (HttpContext ctx, StatusService service) =>
            VoterSession.From(ctx) is { Eligible: true } s
                ? Results.Text(await service.EnvelopesJsonAsync(s.VoterKey!, ctx.RequestAborted), "application/json", System.Text.Encoding.UTF8)
                : Problems.Create(403, "not-eligible", "The voter is not registered for the hybrid mode."));
        group.MapPost("/api/ballot", async (BallotQuery query, HttpContext ctx, StatusService service) =>
            await CheckAsync(ctx, service, query.KCode) switch
            {
                BallotAnswer.TooManyChecks limited => TooMany(ctx, limited),
                BallotAnswer.Answered { Status: var status } => Answer(status),
                _ => throw new InvalidOperationException(),
            });
        return app;
    }

    private static IResult Answer(BallotStatus status) =>
            status switch
            {
                BallotStatus.Invalid { Reason: KCodeCheck.Malformed m } => Problems.Create(422, "kcode-malformed", "A K-code has 17 symbols: " + m.Reason + "."),
                BallotStatus.Invalid { Reason: KCodeCheck.BadCheckSymbol } => Problems.Create(422, "kcode-typo", "The check symbol does not match: the code has a typing error."),
                BallotStatus.Invalid => Problems.Create(422, "kcode-unknown", "This code was not issued for any election here."),
                BallotStatus.NotCountedYet n => Results.Ok(new { status = "not-counted", electionId = n.ElectionId }),
                BallotStatus.Counted c => Results.Ok(new { status = c.Copies > 1 ? "copies" : "counted", electionId = c.ElectionId, countedOn = c.CountedOn, copies = c.Copies }),
                _ => throw new InvalidOperationException(),
            };

    // The session's voter key and the client address (an IPv6 client by its /64) are what the limits count, pseudonymised.
    private static Task<BallotAnswer> CheckAsync(HttpContext ctx, StatusService service, string? typed) =>
        service.CheckAsync(typed, VoterSession.From(ctx)?.VoterKey ?? new byte[16], ClientNetwork.Partition(ctx.Connection.RemoteIpAddress), ctx.RequestAborted);

    private static IResult TooMany(HttpContext ctx, BallotAnswer.TooManyChecks limited)
    {
        ctx.Response.Headers.RetryAfter = ((int)Math.Ceiling(limited.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Problems.Create(429, "too-many-checks", "Too many K-code checks; try again later.");
    }

    /// <summary>The JSON body of a ballot query (the K-code never travels in a URL).</summary>
    public sealed record BallotQuery(string? KCode);

    private static async Task<IResult> PageAsync(HttpContext ctx, StatusService service, BallotAnswer? ballot)
    {
        var session = VoterSession.From(ctx)!;
        if (!session.Eligible)
        {
            return ErrorPages.Page(ctx, ErrorKind.NotEligible);
        }

        var envelopes = await service.EnvelopesAsync(session.VoterKey!, ctx.RequestAborted);
        int? retryMinutes = null;
        if (ballot is BallotAnswer.TooManyChecks limited)
        {
            ctx.Response.Headers.RetryAfter = ((int)Math.Ceiling(limited.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            retryMinutes = (int)Math.Ceiling(limited.RetryAfter.TotalMinutes);
        }

        var frame = ErrorPages.Frame(ctx);
        var nameOf = await service.ElectionNamesAsync(frame.Language, ctx.RequestAborted);
        return PageResults.Status(new StatusView(frame, envelopes.Select(e => new EnvelopeLine(nameOf(e.ElectionId), e.State)).ToList(),
            (ballot as BallotAnswer.Answered)?.Status, retryMinutes));
    }
}
