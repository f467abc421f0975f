using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using HybridVote.Domain;
using HybridVote.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HybridVote.Hosting;

/// <summary>How bureau scanners and counting clients prove which bureau they are (section "Bureaus").</summary>
public sealed class BureauAuthOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Bureaus";

    /// <summary>"key" (development: the X-Bureau-Key header) or "certificate" (production: a client certificate).</summary>
    public string Authentication { get; set; } = "key";

    /// <summary>
    /// Header in which the ingress forwards the client certificate it verified (URL-encoded PEM, as
    /// ingress-nginx's <c>ssl-client-cert</c>); empty when the function terminates TLS itself.
    /// Only the ingress can reach the pods (network policy), so nobody else can set it.
    /// </summary>
    public string? ForwardedCertificateHeader { get; set; }

    /// <summary>PEM file of the bureau CA every client certificate must chain to (empty: pinning only).</summary>
    public string? ClientCaFile { get; set; }

    /// <summary>
    /// Failed credential lookups one client address (an IPv6 client by its /64) may cause per
    /// minute and replica; beyond, it is answered 429 without a lookup (ASVS V11.1.4). A bureau
    /// already known to this replica is not affected.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int FailuresPerMinute { get; set; } = 10;

    /// <summary>True in the certificate mode.</summary>
    public bool UsesCertificates => string.Equals(Authentication, "certificate", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A bureau credential as seen in a request: its pseudonymous id, its hash, and the certificate if it is one.</summary>
public sealed record BureauCredential(string Id, byte[] Hash, X509Certificate2? Certificate);

/// <summary>The bureau a request speaks for, or the answer that refuses it (401 or 429).</summary>
public sealed record BureauSignIn(BureauInfo? Bureau, IResult? Refusal);

/// <summary>
/// Authenticates a bureau scanner or counting client (FR011, SEC004, NL decree Ea 3(3)(c)). In development
/// by its per-bureau key; in production by its client certificate, which must be currently valid,
/// chain to the configured bureau CA and be the one registered for the bureau (`hv bureau cert`:
/// the SHA-256 of the certificate is pinned, so another certificate of the same CA is refused).
/// A bureau once found is remembered for <see cref="Remembered"/>, so a scanner's receipts do not
/// each cost a database lookup and a chain validation (NFR002); a replaced key or certificate
/// therefore stops working within that time. Unknown credentials are never remembered, so the
/// memory is bounded by the number of bureaus; failed lookups are limited per client address.
/// Each credential has one <see cref="BureauDuty"/>: an endpoint asks for the duty it serves.
/// </summary>
public sealed class BureauAuthentication(BureauStore bureaus, Pseudonyms pseudonyms, TimeProvider clock, IOptions<BureauAuthOptions> options)
{
    /// <summary>Header carrying the bureau key.</summary>
    public const string Header = "X-Bureau-Key";

    /// <summary>How long a known bureau is remembered.</summary>
    public static readonly TimeSpan Remembered = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(string Credential, BureauDuty Duty), (BureauInfo Bureau, DateTimeOffset Until)> known = new();
    private readonly Lazy<X509Certificate2Collection?> clientCa = new(() =>
        string.IsNullOrEmpty(options.Value.ClientCaFile) ? null : LoadCa(options.Value.ClientCaFile));

    private readonly PartitionedRateLimiter<string> failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.FailuresPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>
    /// The bureau the request speaks for with a credential of <paramref name="duty"/>, or the
    /// refusal: 401 for a missing, invalid or unknown credential (or one of the other duty), 429
    /// once the client's address has failed too often.
    /// </summary>
    public async Task<BureauSignIn> SignInAsync(HttpContext http, BureauDuty duty)
    {
        var (bureau, throttled) = await FindAsync(http, duty);
        if (bureau is not null)
        {
            return new BureauSignIn(bureau, null);
        }

        if (throttled)
        {
            http.Response.Headers.RetryAfter = "60";
            return new BureauSignIn(null, Problems.Create(429, "too-many-failed-credentials", "Too many unknown bureau credentials from this address; try again in a minute."));
        }

        return new BureauSignIn(null, Problems.Create(401, "unknown-bureau",
            $"The {(options.Value.UsesCertificates ? "client certificate" : Header + " header")} is missing or is not a known {duty.Code()} credential of a bureau."));
    }

    // The bureau of the request for a duty, or none (and whether its address has failed too often).
    private async Task<(BureauInfo? Bureau, bool Throttled)> FindAsync(HttpContext http, BureauDuty duty)
    {
        var ct = http.RequestAborted;
        if (options.Value.UsesCertificates && http.Connection.ClientCertificate is null)
        {
            await http.Connection.GetClientCertificateAsync(ct);
        }

        if (Credential(http) is not { } credential)
        {
            return (null, false);
        }

        var remembered = (credential.Id, duty);
        var now = clock.GetUtcNow();
        if (known.TryGetValue(remembered, out var entry) && entry.Until > now)
        {
            return (entry.Bureau, false);
        }

        string address = ClientNetwork.Partition(http.Connection.RemoteIpAddress);
        if (failures.GetStatistics(address) is { CurrentAvailablePermits: <= 0 })
        {
            return (null, true);
        }

        var bureau = credential.Certificate is { } certificate && !Acceptable(certificate)
            ? null
            : await bureaus.FindByCredentialAsync(credential.Hash, duty, ct);
        if (bureau is null)
        {
            known.TryRemove(remembered, out _);
            failures.AttemptAcquire(address).Dispose();
            return (null, false);
        }

        known[remembered] = (bureau, now + Remembered);
        return (bureau, false);
    }

    /// <summary>
    /// The pseudonymous identity of the request's credential ("k:" + keyed hash of the bureau key, or
    /// "c:" + SHA-256 of the client certificate), computed once per request; it partitions the rate
    /// limits and never contains the key itself. Null when the request carries no credential.
    /// </summary>
    public BureauCredential? Credential(HttpContext http)
    {
        if (http.Items.TryGetValue(typeof(BureauCredential), out var known))
        {
            return known as BureauCredential;
        }

        BureauCredential? credential = null;
        if (options.Value.UsesCertificates)
        {
            if (http.Connection.ClientCertificate is { } certificate)
            {
                byte[] pin = SHA256.HashData(certificate.RawData);
                credential = new BureauCredential("c:" + Convert.ToHexString(pin), pin, certificate);
            }
        }
        else if (http.Request.Headers[Header].ToString() is { Length: >= 16 and <= 200 } key)
        {
            byte[] hash = pseudonyms.BureauKeyHash(key);
            credential = new BureauCredential("k:" + Convert.ToHexString(hash), hash, null);
        }

        http.Items[typeof(BureauCredential)] = credential;
        return credential;
    }

    // Validity dates always; the chain to the bureau CA when one is configured. Revocation is done
    // by registering the bureau's new certificate (the pin), which takes effect within Remembered.
    private bool Acceptable(X509Certificate2 certificate)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            return false;
        }

        if (clientCa.Value is not { } roots)
        {
            return true;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now;
        return chain.Build(certificate);
    }

    private static X509Certificate2Collection LoadCa(string path)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(path);
        return roots;
    }
}

/// <summary>Wiring of bureau authentication for the functions bureaus call (intake, registration).</summary>
public static class BureauAuthenticationSetup
{
    /// <summary>
    /// Registers the authentication; in the certificate mode Kestrel asks HTTPS clients for a
    /// certificate (validated by <see cref="BureauAuthentication"/>, not by the system's roots) and,
    /// when configured, the certificate forwarded by the ingress is read from its header.
    /// </summary>
    public static WebApplicationBuilder AddBureauAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BureauAuthOptions>().BindConfiguration(BureauAuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<BureauAuthentication>();
        builder.Services.AddHostedService<CertificateExpiryWatch>();
        var settings = builder.Configuration.GetSection(BureauAuthOptions.Section).Get<BureauAuthOptions>() ?? new BureauAuthOptions();
        if (settings.UsesCertificates)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
            {
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                https.AllowAnyClientCertificate();
            }));
            if (!string.IsNullOrEmpty(settings.ForwardedCertificateHeader))
            {
                builder.Services.AddCertificateForwarding(o =>
                {
                    o.CertificateHeader = settings.ForwardedCertificateHeader;
                    o.HeaderConverter = value => X509Certificate2.CreateFromPem(Uri.UnescapeDataString(value));
                });
            }
        }

        return builder;
    }

    /// <summary>
    /// Reads the client certificate forwarded by the ingress (certificate mode with a forwarding
    /// ingress), only on connections from a trusted proxy (<see cref="ClientNetwork"/>): anyone else
    /// who sends the header, with a bureau's public certificate in it, is not that bureau. Runs
    /// before the forwarded headers are applied, while the peer address is the connection's own.
    /// </summary>
    internal static void UseForwardedCertificate(this WebApplication app, ForwardedHeadersOptions proxies)
    {
        var settings = app.Services.GetService<IOptions<BureauAuthOptions>>()?.Value;
        if (settings is not { UsesCertificates: true } || string.IsNullOrEmpty(settings.ForwardedCertificateHeader))
        {
            return;
        }

        string header = settings.ForwardedCertificateHeader;
        app.Use((http, next) =>
        {
            if (!ClientNetwork.FromTrustedProxy(http, proxies))
            {
                http.Request.Headers.Remove(header);
            }

            return next(http);
        });
        app.UseCertificateForwarding();
    }
}
