using System.Text;
using HybridVote.Domain;
using HybridVote.Hosting;

namespace HybridVote.KCodeIssue;

/// <summary>The print action as a page (<c>POST /print</c>) and as JSON (<c>POST /print/api</c>).</summary>
public static class KCodeEndpoints
{
    /// <summary>Maps the endpoints; both need a voter session.</summary>
    public static WebApplication MapKCodeEndpoints(this WebApplication app)
    {
        app.MapPost("/print", PrintPageAsync).RequireAuthorization().DisableAntiforgery();
        app.MapPost("/print/api", PrintApiAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> PrintApiAsync(HttpContext ctx, KCodeService service)
    {
        var session = VoterSession.From(ctx)!;
        if (!session.Eligible)
        {
            return Problems.Create(403, "not-eligible", "The voter is not registered for the hybrid mode.");
        }

        return await service.PrintAsync(session.VoterKey!, ctx.RequestAborted) switch
        {
            PrintOutcome.Issued issued => TypedResults.Ok(new { codes = issued.Codes }),
            PrintOutcome.IssueClosed => Problems.Create(409, "issue-closed", "No election is open for printing now."),
            _ => Problems.Create(403, "not-eligible", "The voter is not registered for the hybrid mode."),
        };
    }

    private static async Task<IResult> PrintPageAsync(HttpContext ctx, KCodeService service)
    {
        var session = VoterSession.From(ctx)!;
        var language = session.Language;
        string T(string id) => Page.E(VoterText.Get(id, language));
        if (!session.Eligible)
        {
            return Page.Render(language, VoterText.Get("not-eligible-title", language), $"<p>{T("not-eligible")}</p>", loggedIn: true, status: 403);
        }

        var outcome = await service.PrintAsync(session.VoterKey!, ctx.RequestAborted);
        if (outcome is not PrintOutcome.Issued issued)
        {
            return Page.Render(language, VoterText.Get("print", language), $"<p class=\"error\">{T("issue-closed")}</p>", loggedIn: true, status: 409);
        }

        var html = new StringBuilder();
        foreach (var code in issued.Codes)
        {
            string id = Uri.EscapeDataString(code.ElectionId);
            html.Append("<section><h2>").Append(Page.E(code.ElectionName)).Append("</h2>")
                .Append("<p>").Append(T("kcode-title")).Append(":</p>")
                .Append("<p class=\"kcode\" data-election=\"").Append(Page.E(code.ElectionId)).Append("\">").Append(Page.E(code.KCode)).Append("</p>")
                .Append("<p>").Append(T("kcode-help")).Append("</p><ul>")
                .Append("<li><a href=\"/ballots/ballot/").Append(id).Append("\" download>").Append(T("ballot-pdf")).Append("</a></li>")
                .Append("<li><a href=\"/ballots/label/").Append(id).Append("\" download>").Append(T("label-pdf")).Append("</a></li>")
                .Append("<li><a href=\"/ballots/instructions/").Append(id).Append("\" download>").Append(T("instructions-pdf")).Append("</a></li></ul></section>");
        }

        html.Append("<p>").Append(T("envelope-steps")).Append("</p><p><a href=\"/\">").Append(T("back")).Append("</a></p>");
        return Page.Render(language, VoterText.Get("kcode-title", language), html.ToString(), loggedIn: true);
    }
}
