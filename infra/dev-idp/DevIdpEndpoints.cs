using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
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
        app.MapGet("/", (DevIdpOptions options) => RootPage(options));
        app.MapGet("/login", (string? returnUrl, DemoAccounts accounts) => LoginPage(returnUrl ?? "/", accounts, null));
        app.MapPost("/login", (HttpContext ctx, DemoAccounts accounts) => LoginAsync(ctx, accounts)).DisableAntiforgery();
        app.MapMethods("/authorize", ["GET", "POST"], (HttpContext ctx, DemoAccounts accounts, DevIdpOptions options) => AuthorizeAsync(ctx, accounts, options));
        app.MapMethods("/userinfo", ["GET", "POST"], (Delegate)UserInfoAsync);
        app.MapMethods("/logout", ["GET", "POST"], (Delegate)EndSessionAsync);
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

    // RP-initiated logout: ends the provider's own session, then returns to the registered address.
    private static async Task<IResult> EndSessionAsync(HttpContext ctx)
    {
        await ctx.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext ctx, DemoAccounts accounts, DevIdpOptions options)
    {
        var request = ctx.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        var login = await ctx.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var account = login.Succeeded ? accounts.Find(login.Principal!.Identity!.Name) : null;
        // Like CSAM, the provider keeps its own session (single sign-on) until the client asks for a
        // fresh login (prompt=login) or ends the session (/logout).
        if (account is not null && request.HasPromptValue(PromptValues.Login) && !ctx.Request.Query.ContainsKey("relogged"))
        {
            await ctx.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            account = null;
        }

        if (account is null)
        {
            // Back from the login page, the request is marked so that prompt=login is not asked twice.
            string returnUrl = ctx.Request.PathBase + ctx.Request.Path + QueryString.Create(ctx.Request.Query.Where(q => q.Key != "relogged")
                .Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString())).Append(KeyValuePair.Create("relogged", (string?)"1")));
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [CookieAuthenticationDefaults.AuthenticationScheme]);
        }

        var identity = new ClaimsIdentity(authenticationType: "dev-idp", nameType: Claims.Name, roleType: Claims.Role);
        string level = AcrPrefix + login.Principal!.FindFirst("level")!.Value;
        bool fas2019 = options.Shape == "fas-2019";
        identity.SetClaim(Claims.Subject, account.Login)
            .SetClaim("egovNRN", account.EgovNRN)
            .SetClaim("givenName", account.GivenName)
            .SetClaim("surname", account.Surname)
            .SetClaim("prefLanguage", account.PrefLanguage)
            .SetClaim(Claims.AuthenticationContextReference, fas2019 ? "0" : level);
        if (fas2019)
        {
            identity.SetClaims(Claims.AuthenticationMethodReference, [level]);
        }

        identity.SetScopes(request.GetScopes());
        // In the 2019 shape the identity claims reach the client only through userinfo.
        identity.SetDestinations(c => fas2019 && c.Type is "egovNRN" or "givenName" or "surname" or "prefLanguage"
            ? [Destinations.AccessToken]
            : [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext ctx, DevIdpOptions options, IOptionsMonitor<OpenIddictServerOptions> server)
    {
        var result = await ctx.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var p = result.Principal!;
        var claims = new Dictionary<string, object>
        {
            [Claims.Subject] = p.GetClaim(Claims.Subject)!,
            ["egovNRN"] = p.GetClaim("egovNRN")!,
            ["givenName"] = p.GetClaim("givenName")!,
            ["surname"] = p.GetClaim("surname")!,
            ["prefLanguage"] = p.GetClaim("prefLanguage")!,
        };
        if (options.UserInfo is not ("jwt" or "forged-jwt"))
        {
            return Results.Ok(claims);
        }

        // Signed for this client by the provider's key, or (forged) by a key of the same id that it never published.
        var signing = server.CurrentValue.SigningCredentials.First();
        if (options.UserInfo == "forged-jwt")
        {
            signing = new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)) { KeyId = signing.Key.KeyId }, SecurityAlgorithms.RsaSha256);
        }

        string jwt = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.ClientId,
            Claims = claims,
            SigningCredentials = signing,
        });
        return Results.Text(jwt, "application/jwt");
    }

    // The provider's own address opened in a browser: what it is and where to start instead.
    private static IResult RootPage(DevIdpOptions options)
    {
        static string E(string s) => HtmlEncoder.Default.Encode(s);
        string? site = options.RedirectUris.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) + "/" : null).FirstOrDefault(u => u is not null);
        var html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Dev identity provider</title></head><body>")
            .Append("<h1>Development identity provider (stands in for CSAM/FAS)</h1>")
            .Append("<p>Nobody logs in here directly: start from the HybridVote site, which sends you to this provider's login page and back.</p>");
        if (site is not null)
        {
            html.Append("<p><a href=\"").Append(E(site)).Append("\">Go to the voter site</a> · <a href=\"").Append(E(site)).Append("auth/staff\">Staff login</a></p>");
        }

        html.Append("<p>OpenID Connect discovery: <a href=\"/.well-known/openid-configuration\">/.well-known/openid-configuration</a></p></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
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
