using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HybridVote.Domain;
using HybridVote.Eml;
using HybridVote.Hosting;
using HybridVote.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HybridVote.Cli;

/// <summary><c>hv migrate</c>, <c>hv keys …</c>, <c>hv bureau …</c>, <c>hv calendar set</c>, <c>hv audit verify</c>.</summary>
public static class OrganiserCommands
{
    /// <summary>Applies the database migrations and makes sure the session key ring has a key before any function serves.</summary>
    public static async Task<int> MigrateAsync(IServiceProvider services)
    {
        var applied = await services.GetRequiredService<Migrator>().MigrateAsync();
        Console.WriteLine(applied.Count == 0 ? "database is up to date" : "applied " + string.Join(", ", applied));
        if (SessionKeyRing.EnsureKey(services, services.GetRequiredService<TimeProvider>()))
        {
            Console.WriteLine("session key ring: first key created");
        }

        return 0;
    }

    /// <summary>Checks the audit trail's hash chains; exit 1 when one is broken.</summary>
    public static async Task<int> VerifyAuditAsync(IServiceProvider services)
    {
        long? broken = await AuditLog.VerifyAsync(services.GetRequiredService<NpgsqlDataSource>(), CancellationToken.None);
        Console.WriteLine(broken is null ? "audit trail intact" : $"audit trail broken at event {broken}");
        return broken is null ? 0 : 1;
    }

    /// <summary>Issues a new device key of a bureau for one duty (shown once; development).</summary>
    public static async Task<int> BureauKeyAsync(IServiceProvider services, string bureauId, BureauDuty duty, string actor)
    {
        Console.WriteLine(await IssueBureauKeyAsync(services, bureauId, duty, actor));
        return 0;
    }

    /// <summary>A new random device key of a bureau for one duty; only its keyed hash is stored.</summary>
    public static async Task<string> IssueBureauKeyAsync(IServiceProvider services, string bureauId, BureauDuty duty, string actor)
    {
        string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        await services.GetRequiredService<BureauStore>().SetKeyHashAsync(bureauId, duty, services.GetRequiredService<Pseudonyms>().BureauKeyHash(key), actor);
        return key;
    }

    /// <summary>Registers (pins) a client certificate of a bureau for one duty, replacing its previous one of that duty.</summary>
    public static async Task<int> BureauCertificateAsync(IServiceProvider services, string bureauId, string certificateFile, BureauDuty duty, string actor)
    {
        using var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(certificateFile));
        byte[] pin = SHA256.HashData(certificate.RawData);
        await services.GetRequiredService<BureauStore>().SetCertificateAsync(bureauId, duty, pin, actor);
        Console.WriteLine($"{bureauId} ({duty.Code()}): certificate {certificate.Subject}, valid until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}, SHA-256 {Convert.ToHexString(pin)}");
        return 0;
    }

    /// <summary>Creates the development keys (never in production: those come from the key ceremony).</summary>
    public static int DevelopmentKeys(string? dir)
    {
        dir ??= new ConfigurationBuilder().AddEnvironmentVariables().Build()["HybridVote:KeysDirectory"] ?? throw new UsageException("--dir (or HybridVote__KeysDirectory) is required");
        var written = KeyFiles.CreateDevelopmentKeys(dir);
        Console.WriteLine(written.Count == 0 ? $"keys already present in {dir}" : $"wrote {written.Count} development keys to {dir}");
        return 0;
    }

    /// <summary>Creates a development issuing-authority key pair.</summary>
    public static int SigningKeys(string dir)
    {
        Directory.CreateDirectory(dir);
        var (privatePem, publicPem) = FileSignature.CreateDevelopmentKey();
        File.WriteAllText(Path.Combine(dir, "issuer.key.pem"), privatePem);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(dir, "issuer.key.pem"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(Path.Combine(dir, "issuer.pub.pem"), publicPem);
        Console.WriteLine($"wrote issuer.key.pem and issuer.pub.pem to {dir} (put the public key in the trust directory)");
        return 0;
    }

    /// <summary>Changes an election's calendar; the dates must keep their legal order (TR014).</summary>
    public static async Task<int> SetCalendarAsync(IServiceProvider services, string electionId, CalendarChange change, string actor)
    {
        var store = services.GetRequiredService<ElectionStore>();
        var current = (await store.ElectionAsync(electionId))?.Calendar ?? throw new KeyNotFoundException($"election {electionId} does not exist");
        var calendar = new ElectionCalendar(change.IssueFrom ?? current.IssueFrom, change.IssueUntil ?? current.IssueUntil,
            change.InPersonClose ?? current.InPersonClose, change.ValidatedAt ?? current.ValidatedAt);
        if (!calendar.IsInOrder)
        {
            throw new UsageException("the dates must follow: issue-from < issue-until <= in-person-close < validated-at");
        }

        await store.SetCalendarAsync(electionId, calendar, actor);
        Console.WriteLine($"calendar of {electionId}: issue {calendar.IssueFrom:u} – {calendar.IssueUntil:u}, in-person close {calendar.InPersonClose:u}, validated {calendar.ValidatedAt:u}");
        return 0;
    }
}

/// <summary>The calendar dates to change; null keeps the current one.</summary>
public sealed record CalendarChange(DateTimeOffset? IssueFrom, DateTimeOffset? IssueUntil, DateTimeOffset? InPersonClose, DateTimeOffset? ValidatedAt);
