using System.Globalization;
using System.Text;
using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Storage;

namespace HybridVote.StatusQuery;

/// <summary>The status page and its JSON twins (FR005, FR009). Never shows the content of a vote.</summary>
public static class StatusEndpoints
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    /// <summary>Maps the endpoints; all need a voter session.</summary>
    public static WebApplication MapStatusEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/status").RequireAuthorization();
        group.MapGet("/", (HttpContext ctx, StatusService service) => PageAsync(ctx, service, null));
        group.MapPost("/", async (HttpContext ctx, StatusService service) =>
        {
            var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
            return await PageAsync(ctx, service, await CheckAsync(ctx, service, form["kcode"].ToString()));
        }).DisableAntiforgery();
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

    // The session's voter key and the client address are what the limits count (pseudonymised).
    private static Task<BallotAnswer> CheckAsync(HttpContext ctx, StatusService service, string? typed) =>
        service.CheckAsync(typed, VoterSession.From(ctx)?.VoterKey ?? new byte[16], ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown", ctx.RequestAborted);

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
        var language = session.Language;
        string T(string id) => Page.E(VoterText.Get(id, language));
        if (!session.Eligible)
        {
            return Page.Render(language, VoterText.Get("not-eligible-title", language), $"<p>{T("not-eligible")}</p>", loggedIn: true, status: 403);
        }

        var html = new StringBuilder();
        html.Append("<h2>").Append(T("envelope-title")).Append("</h2>");
        foreach (var envelope in await service.EnvelopesAsync(session.VoterKey!, ctx.RequestAborted))
        {
            html.Append("<section class=\"status\"><h3>").Append(Page.E(envelope.ElectionName)).Append("</h3>").Append(EnvelopeText(envelope.State, language)).Append("</section>");
        }

        html.Append("<h2>").Append(T("ballot-title")).Append("</h2>");
        if (ballot is BallotAnswer.Answered answered)
        {
            html.Append(BallotText(answered.Status, language));
        }
        else if (ballot is BallotAnswer.TooManyChecks limited)
        {
            ctx.Response.Headers.RetryAfter = ((int)Math.Ceiling(limited.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            html.Append("<p class=\"error\" role=\"status\" data-status=\"too-many\">").Append(Page.E(VoterText.Format("too-many-checks", language, (int)Math.Ceiling(limited.RetryAfter.TotalMinutes)))).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"/status\"><label for=\"kcode\">").Append(T("ballot-ask")).Append("</label>")
            .Append("<input type=\"text\" id=\"kcode\" name=\"kcode\" autocomplete=\"off\" spellcheck=\"false\" maxlength=\"40\"> ")
            .Append("<button>").Append(T("check")).Append("</button></form><p><a href=\"/\">").Append(T("back")).Append("</a></p>");
        return Page.Render(language, VoterText.Get("status", language), html.ToString(), loggedIn: true, status: ballot is BallotAnswer.TooManyChecks ? 429 : 200);
    }

    private static string EnvelopeText(EnvelopeState state, Language language)
    {
        string Line(string status, string text) => $"<p data-status=\"{status}\">{Page.E(text)}</p>";
        var parts = new StringBuilder();
        parts.Append(state.Status switch
        {
            EnvelopeStatus.Accepted => Line("received", VoterText.Format("env-received", language, Local(state.ReceivedAt!.Value), state.BureauId ?? string.Empty)),
            EnvelopeStatus.Cancelled => Line("cancelled", VoterText.Get("env-cancelled", language)),
            _ => Line("not-received", VoterText.Get("env-not-received", language)),
        });
        if (state.Duplicates > 0)
        {
            parts.Append(Line("duplicate", VoterText.Format("env-duplicate", language, state.Duplicates)));
        }

        return parts.ToString();
    }

    private static string BallotText(BallotStatus ballot, Language language)
    {
        string Line(string css, string status, string text) => $"<p class=\"{css}\" role=\"status\" data-status=\"{status}\">{Page.E(text)}</p>";
        return ballot switch
        {
            BallotStatus.NotCountedYet => Line("status", "not-counted", VoterText.Get("ballot-not-counted", language)),
            BallotStatus.Counted { Copies: > 1 } c => Line("status", "counted", VoterText.Format("ballot-counted", language, c.CountedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)))
                + Line("status", "copies", VoterText.Format("ballot-copies", language, c.Copies)),
            BallotStatus.Counted c => Line("status", "counted", VoterText.Format("ballot-counted", language, c.CountedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))),
            BallotStatus.Invalid { Reason: KCodeCheck.BadCheckSymbol } => Line("error", "invalid", VoterText.Get("ballot-typo", language)),
            BallotStatus.Invalid { Reason: KCodeCheck.Malformed } => Line("error", "invalid", VoterText.Get("ballot-malformed", language)),
            _ => Line("error", "invalid", VoterText.Get("ballot-forged", language)),
        };
    }

    private static string Local(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Brussels).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
}
