using System.Security.Cryptography;
using System.Text.Json;
using HybridVote.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace HybridVote.KCodeIssue;

/// <summary>
/// The K-codes of the last print, kept only in the voter's own browser so that the page after the
/// print can be reloaded, shown in another language or gone back to without issuing new codes
/// (POST-redirect-GET). The server stores no code (TR010, ARCHITECTURE §3): the cookie is encrypted
/// and authenticated with the session key ring, bound to the voter's session, HttpOnly, limited to
/// <c>/print</c>, and expires after <see cref="Lifetime"/>.
/// </summary>
public sealed class ShownCodes(IDataProtectionProvider provider)
{
    /// <summary>The cookie's name.</summary>
    public const string Cookie = "hv_kcode";

    /// <summary>How long the codes can be shown again after a print.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly ITimeLimitedDataProtector protector = provider.CreateProtector("HybridVote.KCodeIssue.ShownCodes").ToTimeLimitedDataProtector();

    /// <summary>Keeps the codes in the voter's browser.</summary>
    public void Keep(HttpContext ctx, byte[] voterKey, Shown shown)
    {
        byte[] payload = JsonSerializer.SerializeToUtf8Bytes(shown with { Voter = Binding(voterKey) });
        ctx.Response.Cookies.Append(Cookie, WebEncoders.Base64UrlEncode(protector.Protect(payload, Lifetime)), new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Strict,
            Path = Pages.Routes.Print,
            MaxAge = Lifetime,
        });
    }

    /// <summary>The codes of this voter's last print, or null when none are kept (expired, another session, tampered with).</summary>
    public Shown? Read(HttpContext ctx, byte[] voterKey)
    {
        if (!ctx.Request.Cookies.TryGetValue(Cookie, out var value))
        {
            return null;
        }

        try
        {
            var shown = JsonSerializer.Deserialize<Shown>(protector.Unprotect(WebEncoders.Base64UrlDecode(value)));
            return shown is not null && shown.Voter == Binding(voterKey) ? shown : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }

    // Binds the cookie to the voter without carrying the voter's key.
    private static string Binding(byte[] voterKey) => Convert.ToHexString(SHA256.HashData(voterKey), 0, 16);

    /// <summary>What a print showed: when, and one code per election.</summary>
    public sealed record Shown(DateTimeOffset PrintedAt, IReadOnlyList<ShownCode> Codes, string Voter = "");

    /// <summary>One election's code.</summary>
    public sealed record ShownCode(string ElectionId, string KCode);
}
