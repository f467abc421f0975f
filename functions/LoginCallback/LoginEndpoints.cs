using System.Text;
using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Storage;
using Microsoft.AspNetCore.Authentication;

namespace HybridVote.LoginCallback;

/// <summary>The voter's entry pages: home, login, logout, language switch (FR003, FR004, TR006).</summary>
public static class LoginEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static WebApplication MapLoginEndpoints(this WebApplication app)
    {
        app.MapGet("/", HomeAsync);
        app.MapGet("/auth/login", () => TypedResults.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [LoginSetup.Scheme]));
        app.MapPost("/auth/logout", async (HttpContext ctx) =>
        {
            await ctx.SignOutAsync(FunctionHost.SessionScheme);
            return TypedResults.Redirect("/");
        });
        app.MapGet("/auth/lang/{code}", (string code, string? r, HttpContext ctx) =>
        {
            var language = Languages.Parse(code);
            ctx.Response.Cookies.Append(VoterSession.LanguageCookie, language.Code(), new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(30) });
            return TypedResults.Redirect(r is not null && r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal) ? r : "/");
        });
        app.MapGet("/auth/site.css", () => TypedResults.Text(SiteCss.Text, "text/css"));
        return app;
    }

    private static async Task<IResult> HomeAsync(HttpContext ctx, VoterStore voters, ElectionStore elections)
    {
        var session = VoterSession.From(ctx);
        var language = VoterSession.LanguageOf(ctx);
        string T(string id) => Page.E(VoterText.Get(id, language));
        if (session is null)
        {
            string body = $"<p>{T("welcome")}</p><p><a class=\"button\" href=\"/auth/login\">{T("login")}</a></p>";
            return Page.Render(language, VoterText.Get("app", language), body);
        }

        if (!session.Eligible)
        {
            return Page.Render(language, VoterText.Get("not-eligible-title", language), $"<p>{T("not-eligible")}</p>", loggedIn: true);
        }

        var voter = await voters.FindAsync(session.VoterKey!, ctx.RequestAborted);
        var all = await elections.ElectionsAsync(ctx.RequestAborted);
        var html = new StringBuilder();
        html.Append("<h2>").Append(T("your-elections")).Append("</h2><ul class=\"elections\">");
        foreach (var p in voter?.Elections ?? [])
        {
            html.Append("<li>").Append(Page.E(all.FirstOrDefault(e => e.Id == p.ElectionId)?.Name ?? p.ElectionId)).Append("</li>");
        }

        html.Append("</ul><form method=\"post\" action=\"/print\"><button>").Append(T("print")).Append("</button></form>")
            .Append("<p><a class=\"button secondary\" href=\"/status\">").Append(T("status")).Append("</a></p>");
        return Page.Render(language, $"{VoterText.Get("hello", language)} {session.GivenName}", html.ToString(), loggedIn: true);
    }
}
