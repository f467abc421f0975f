using HybridVote.Domain;
using HybridVote.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Npgsql;

namespace HybridVote.Hosting;

/// <summary>
/// The one key ring that protects session cookies and form tokens for every function and replica:
/// stored in PostgreSQL, each entry sealed with the mounted keyring.key. Its first key is created
/// by the migration step (<c>hv migrate</c>), before any function serves, so functions started at
/// the same time never each create a key of their own and refuse each other's cookies. Later keys
/// are created by Data Protection ahead of the current one's expiry, with activation two days later,
/// so every replica has loaded them before they are used.
/// </summary>
public static class SessionKeyRing
{
    /// <summary>The key ring's application name, the same in every function.</summary>
    public const string ApplicationName = "HybridVote";

    /// <summary>Registers Data Protection over the shared, sealed key ring, with a refresh on demand.</summary>
    public static IServiceCollection AddSessionKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton(sp => new KeyRingRefresh(new XmlKeyManager(sp.GetRequiredService<IOptions<KeyManagementOptions>>(),
            sp.GetRequiredService<Microsoft.AspNetCore.DataProtection.Internal.IActivator>(), sp.GetRequiredService<ILoggerFactory>()), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.Replace(ServiceDescriptor.Singleton<IKeyManager>(sp => sp.GetRequiredService<KeyRingRefresh>()));
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o =>
            {
                o.XmlRepository = new PostgresXmlRepository(sp.GetRequiredService<NpgsqlDataSource>());
                o.XmlEncryptor = new KeyRingEncryptor(sp.GetRequiredService<SecretKeys>());
            }));
        return services;
    }

    /// <summary>
    /// Creates the key ring's first key when it has none usable now (an active key that does not
    /// expire within the next two days); true when it created one.
    /// </summary>
    public static bool EnsureKey(IServiceProvider services, TimeProvider clock)
    {
        var manager = services.GetRequiredService<IKeyManager>();
        var now = clock.GetUtcNow();
        if (manager.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(2)))
        {
            return false;
        }

        manager.CreateNewKey(now, now.AddDays(90));
        return true;
    }
}

/// <summary>
/// The key manager of the session key ring, able to reload the ring on demand: a replica that meets
/// a cookie protected with a key it has not loaded (created by another replica since) reloads the
/// ring from PostgreSQL and tries again, instead of refusing the voter's session until its next
/// scheduled reload (Data Protection does this by itself only in a replica's first two minutes,
/// aspnet/AspNetCore#3975). Reloads are at most one per <see cref="MinimumInterval"/> and only for a
/// well-formed payload naming a key the ring lacks, so unreadable cookies cannot each cost a
/// database read; the request that asks waits at most a second for the reloaded ring.
/// </summary>
public sealed class KeyRingRefresh(IKeyManager inner, TimeProvider clock) : IKeyManager
{
    /// <summary>The shortest time between two reloads on demand.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private CancellationTokenSource reload = new();
    private DateTimeOffset last = DateTimeOffset.MinValue;

    /// <summary>
    /// The key id of a protected payload (base64url): Data Protection's documented payload format
    /// starts with the magic header 09 F0 C9 F0 and the 128-bit key id. Null when it is not one.
    /// </summary>
    public static Guid? KeyIdOf(string protectedText)
    {
        string start = protectedText.Length > 28 ? protectedText[..28] : protectedText;
        try
        {
            byte[] bytes = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(start);
            return bytes.Length >= 20 && bytes[0] == 0x09 && bytes[1] == 0xF0 && bytes[2] == 0xC9 && bytes[3] == 0xF0
                ? new Guid(bytes.AsSpan(4, 16))
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reloads the key ring because a payload names <paramref name="keyId"/>, which the loaded ring
    /// lacks, and waits (up to a second) for the reloaded ring; true when it now has that key.
    /// False at once when a reload happened less than <see cref="MinimumInterval"/> ago.
    /// </summary>
    public bool TryRefresh(IKeyRingProvider ring, Guid keyId)
    {
        if (!TryRefresh())
        {
            return false;
        }

        var until = clock.GetUtcNow() + TimeSpan.FromSeconds(1);
        while (true)
        {
            if (ring.GetCurrentKeyRing().GetAuthenticatedEncryptorByKeyId(keyId, out _) is not null)
            {
                return true;
            }

            if (clock.GetUtcNow() > until)
            {
                return false;
            }

            Thread.Sleep(20);
        }
    }

    // Asks Data Protection to reload the key ring; false when a reload happened too recently.
    private bool TryRefresh()
    {
        CancellationTokenSource old;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (now - last < MinimumInterval)
            {
                return false;
            }

            last = now;
            old = reload;
            reload = new CancellationTokenSource();
        }

        old.Cancel();
        old.Dispose();
        return true;
    }

    /// <inheritdoc />
    public IKey CreateNewKey(DateTimeOffset activationDate, DateTimeOffset expirationDate) => inner.CreateNewKey(activationDate, expirationDate);

    /// <inheritdoc />
    public IReadOnlyCollection<IKey> GetAllKeys() => inner.GetAllKeys();

    /// <inheritdoc />
    public CancellationToken GetCacheExpirationToken()
    {
        CancellationToken mine;
        lock (gate)
        {
            mine = reload.Token;
        }

        return CancellationTokenSource.CreateLinkedTokenSource(inner.GetCacheExpirationToken(), mine).Token;
    }

    /// <inheritdoc />
    public void RevokeKey(Guid keyId, string? reason = null) => inner.RevokeKey(keyId, reason);

    /// <inheritdoc />
    public void RevokeAllKeys(DateTimeOffset revocationDate, string? reason = null) => inner.RevokeAllKeys(revocationDate, reason);
}
