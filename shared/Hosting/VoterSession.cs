using System.Security.Claims;
using HybridVote.Domain;
using Microsoft.AspNetCore.Http;

namespace HybridVote.Hosting;

/// <summary>
/// What the session cookie holds about a voter: the keyed hash of the national number (never the
/// number itself), the given name for greeting, the language, and whether they are on the hybrid list.
/// </summary>
public sealed record VoterSession(byte[]? VoterKey, string GivenName, Language Language)
{
    /// <summary>Claim type of the voter key (base64).</summary>
    public const string VoterKeyClaim = "hv_vk";

    /// <summary>Claim type of the given name.</summary>
    public const string GivenNameClaim = "hv_given";

    /// <summary>Claim type of the language.</summary>
    public const string LanguageClaim = "hv_lang";

    /// <summary>Name of the cookie that overrides the session language.</summary>
    public const string LanguageCookie = "hv_lang";

    /// <summary>True when the voter is registered for the hybrid mode.</summary>
    public bool Eligible => VoterKey is not null;

    /// <summary>The session of the request, or null when not logged in.</summary>
    public static VoterSession? From(HttpContext ctx)
    {
        var user = ctx.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        string? key = user.FindFirstValue(VoterKeyClaim);
        var language = ctx.Request.Cookies.TryGetValue(LanguageCookie, out var chosen) ? Languages.Parse(chosen) : Languages.Parse(user.FindFirstValue(LanguageClaim));
        return new VoterSession(string.IsNullOrEmpty(key) ? null : Convert.FromBase64String(key), user.FindFirstValue(GivenNameClaim) ?? string.Empty, language);
    }

    /// <summary>The language for a page: the chosen cookie, the session, or the browser's.</summary>
    public static Language LanguageOf(HttpContext ctx) =>
        From(ctx)?.Language ?? (ctx.Request.Cookies.TryGetValue(LanguageCookie, out var chosen) ? Languages.Parse(chosen) : Languages.Parse(ctx.Request.Headers.AcceptLanguage.ToString()));

    /// <summary>Builds the identity stored in the cookie.</summary>
    public static ClaimsPrincipal ToPrincipal(byte[]? voterKey, string givenName, Language language, DateTimeOffset? issuedAt = null)
    {
        var claims = new List<Claim> { new(GivenNameClaim, givenName), new(LanguageClaim, language.Code()) };
        claims.AddRange(SessionRevocations.NewSessionClaims(issuedAt ?? DateTimeOffset.UtcNow));
        if (voterKey is not null)
        {
            claims.Add(new Claim(VoterKeyClaim, Convert.ToBase64String(voterKey)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, FunctionHost.SessionScheme));
    }
}
