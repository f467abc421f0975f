using HybridVote.Domain;
using HybridVote.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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

    /// <summary>Registers Data Protection over the shared, sealed key ring.</summary>
    public static IServiceCollection AddSessionKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
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
