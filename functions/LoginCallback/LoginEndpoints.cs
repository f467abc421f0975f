using HybridVote.Hosting;
using HybridVote.Pages;
using Microsoft.AspNetCore.Authentication;

namespace HybridVote.LoginCallback;

/// <summary>Login, logout and the pages that end them (FR003).</summary>
public static class LoginEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static WebApplication MapLoginEndpoints(this WebApplication app)
    {
        app.MapGet(Routes.Login, () => TypedResults.Challenge(new AuthenticationProperties { RedirectUri = Routes.Home }, [LoginSetup.Scheme]));
        // Bureau staff log in through the same provider; the login is marked so that the callback
        // looks for their roles instead of the voter list (FR011).
        app.MapGet(Routes.StaffLogin, () => TypedResults.Challenge(
            new AuthenticationProperties(new Dictionary<string, string?> { [LoginService.KindItem] = LoginService.StaffLogin }) { RedirectUri = Routes.Station }, [LoginSetup.Scheme]));
        // Without a session there is nothing to end; with one, the form's token is required.
        app.MapPost(Routes.Logout, async (HttpContext ctx) =>
        {
            if (ctx.User.Identity?.IsAuthenticated == true)
            {
                if (!FormToken.IsValid(ctx))
                {
                    return ErrorPages.Page(ctx, ErrorKind.BadRequest);
                }

                await ctx.RequestServices.GetRequiredService<SessionRevocations>().EndAsync(ctx.User, ctx.RequestAborted);
                await ctx.SignOutAsync(FunctionHost.SessionScheme);
                // The provider's session ends too, so the next login on this browser asks again.
                if (await LoginSetup.EndProviderSessionAsync(ctx))
                {
                    return Results.Empty;
                }
            }

            return Results.Redirect(Routes.LoggedOut);
        }).WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute());
        app.MapGet(Routes.LoggedOut, (HttpContext ctx) => ErrorPages.Page(ctx, ErrorKind.LoggedOut));
        app.MapGet(Routes.LoginRefused, (string reason, HttpContext ctx) =>
            ErrorPages.Page(ctx, LoginService.PageOf(reason)));
        return app;
    }
}
