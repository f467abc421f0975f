using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace HybridVote.Hosting;

/// <summary>
/// Remembers decrypted session cookies for a short while. Unprotecting a Data Protection payload
/// derives keys and runs AES-CBC and HMAC on every request; at the status peak (NFR002, NFR006) the same
/// session asks several times within a minute (page, then the K-code check), so the decrypted
/// ticket is kept for <see cref="Lifetime"/> and handed out as a copy. The cookie handler still
/// checks expiry and sliding renewal on every request, and a tampered cookie is a different string
/// and therefore never a hit. Memory is bounded by <see cref="Capacity"/> entries.
/// </summary>
internal sealed class SessionTicketCache(ISecureDataFormat<AuthenticationTicket> inner, KeyRingRefresh? keyRing, IKeyRingProvider? ring = null) : ISecureDataFormat<AuthenticationTicket>, IDisposable
{
    /// <summary>How long a decrypted cookie is remembered (also bounds how late a key revocation takes effect).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>Most tickets kept at once (about 2 KB each).</summary>
    public const int Capacity = 50_000;

    private readonly MemoryCache tickets = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.25 });

    /// <inheritdoc/>
    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    /// <inheritdoc/>
    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    /// <inheritdoc/>
    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    /// <inheritdoc/>
    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        if (tickets.TryGetValue(protectedText, out AuthenticationTicket? known))
        {
            return known!.Clone();
        }

        var ticket = inner.Unprotect(protectedText);
        // Perhaps protected with a key another replica created since this one loaded the ring.
        if (ticket is null && keyRing is not null && ring is not null && KeyRingRefresh.KeyIdOf(protectedText) is { } keyId
            && ring.GetCurrentKeyRing().GetAuthenticatedEncryptorByKeyId(keyId, out _) is null && keyRing.TryRefresh(ring, keyId))
        {
            ticket = inner.Unprotect(protectedText);
        }

        if (ticket is not null)
        {
            tickets.Set(protectedText, ticket.Clone(), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        }

        return ticket;
    }

    /// <inheritdoc/>
    public void Dispose() => tickets.Dispose();

    /// <summary>Wraps the session cookie's ticket format once the cookie options are complete.</summary>
    internal sealed class Install(KeyRingRefresh keyRing, IKeyRingProvider ring) : IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            if (name == FunctionHost.SessionScheme && options.TicketDataFormat is not SessionTicketCache)
            {
                options.TicketDataFormat = new SessionTicketCache(options.TicketDataFormat, keyRing, ring);
            }
        }
    }
}
