using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HybridVote.DevIdp;

/// <summary>The login page, the authorization endpoint and userinfo of the dev identity provider.</summary>
public static class DevIdpEndpoints
{
    /// <summary>The acr CSAM/FAS sends for eID and itsme.</summary>
    public const string AcrPrefix = "urn:be:fedict:iam:fas:Level";

    /// <summary>Maps the endpoints.</summary>
    public static WebApplication MapDevIdpEndpoints(this WebApplication app)
    {
        app.MapGet("/login", (string? returnUrl, DemoAccounts accounts) => LoginPage(returnUrl ?? "/", accounts, null));
        app.MapPost("/login", (HttpContext ctx, DemoAccounts accounts) => LoginAsync(ctx, accounts)).DisableAntiforgery();
        app.MapMethods("/authorize", ["GET", "POST"], (HttpContext ctx, DemoAccounts accounts) => AuthorizeAsync(ctx, accounts));
        app.MapMethods("/userinfo", ["GET", "POST"], (Delegate)UserInfoAsync);
        return app;
    }

    private static async Task<IResult> LoginAsync(HttpContext ctx, DemoAccounts accounts)
    {
        var form = await ctx.Request.ReadFormAsync();
        string returnUrl = form["returnUrl"].ToString();
        var account = accounts.Find(form["login"].ToString().Trim());
        if (account is null)
        {
            return LoginPage(returnUrl, accounts, "Unknown demo login.");
        }

        string level = form["level"].ToString() is { Length: > 0 } l ? l : "450";
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, account.Login), new Claim("level", level)], CookieAuthenticationDefaults.AuthenticationScheme);
        await ctx.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.Redirect(returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext ctx, DemoAccounts accounts)
    {
        var request = ctx.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        var login = await ctx.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var account = login.Succeeded ? accounts.Find(login.Principal!.Identity!.Name) : null;
        if (account is null)
        {
            string returnUrl = ctx.Request.PathBase + ctx.Request.Path + QueryString.Create(ctx.Request.Query.Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString())));
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [CookieAuthenticationDefaults.AuthenticationScheme]);
        }

        var identity = new ClaimsIdentity(authenticationType: "dev-idp", nameType: Claims.Name, roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, account.Login)
            .SetClaim("egovNRN", account.EgovNRN)
            .SetClaim("givenName", account.GivenName)
            .SetClaim("surname", account.Surname)
            .SetClaim("prefLanguage", account.PrefLanguage)
            .SetClaim(Claims.AuthenticationContextReference, AcrPrefix + login.Principal!.FindFirst("level")!.Value);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        // One login per authorization: the next authorization asks again, like CSAM for a new session.
        await ctx.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext ctx)
    {
        var result = await ctx.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var p = result.Principal!;
        return Results.Ok(new Dictionary<string, string?>
        {
            [Claims.Subject] = p.GetClaim(Claims.Subject),
            ["egovNRN"] = p.GetClaim("egovNRN"),
            ["givenName"] = p.GetClaim("givenName"),
            ["surname"] = p.GetClaim("surname"),
            ["prefLanguage"] = p.GetClaim("prefLanguage"),
        });
    }

    private static IResult LoginPage(string returnUrl, DemoAccounts accounts, string? error)
    {
        static string E(string s) => HtmlEncoder.Default.Encode(s);
        var html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Dev identity provider</title></head><body>");
        html.Append("<h1>Development identity provider (stands in for CSAM)</h1>");
        if (error is not null)
        {
            html.Append("<p role=\"alert\">").Append(E(error)).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"returnUrl\" value=\"").Append(E(returnUrl)).Append("\">")
            .Append("<p><label for=\"login\">Demo login</label> <input id=\"login\" name=\"login\" list=\"logins\" autocomplete=\"off\"></p><datalist id=\"logins\">");
        foreach (var a in accounts.All.Take(20))
        {
            html.Append("<option value=\"").Append(E(a.Login)).Append("\">").Append(E($"{a.GivenName} {a.Surname}")).Append("</option>");
        }

        html.Append("</datalist><p><label for=\"level\">Means</label> <select id=\"level\" name=\"level\">")
            .Append("<option value=\"450\">eID / itsme (Level450)</option><option value=\"400\">Security code by app (Level400)</option></select></p>")
            .Append("<p><button id=\"submit\">Log in</button></p></form></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }
}
