using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Pages;

namespace HybridVote.VoterHome;

/// <summary>The voter's home page, the language switch and the style sheet (FR004, FR005, TR006).</summary>
public static class HomeEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static WebApplication MapHomeEndpoints(this WebApplication app)
    {
        app.MapGet(Routes.Home, async (HttpContext ctx, HomeService service) =>
            PageResults.Home(await service.ViewAsync(ErrorPages.Frame(ctx), VoterSession.From(ctx), ctx.RequestAborted)));
        app.MapGet(Routes.LanguageSwitch, (string code, string? r, HttpContext ctx) =>
        {
            var language = Languages.Parse(code);
            ctx.Response.Cookies.Append(VoterSession.LanguageCookie, language.Code(), new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(30) });
            return TypedResults.Redirect(Routes.SafeReturn(r));
        });
        app.MapGet(Routes.SiteCss, (HttpContext ctx) =>
        {
            ctx.Response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Text(PageResults.SiteCss, "text/css");
        });
        return app;
    }
}
