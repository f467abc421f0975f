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

    /// <summary>Adds a bureau to a constituency; exit 1 with the reason when the constituency does not exist or the id is taken.</summary>
    public static async Task<int> AddBureauAsync(IServiceProvider services, BureauDefinition bureau, string electionId, string contestId, bool abroad, string actor)
    {
        if (!await services.GetRequiredService<BureauStore>().AddAsync(bureau, electionId, contestId, abroad, actor))
        {
            await Console.Error.WriteLineAsync($"hv: refused, nothing changed: election {electionId} has no constituency {contestId}, or a bureau {bureau.Id} exists already.");
            return 1;
        }

        Console.WriteLine($"{bureau.Id} added to {electionId} {contestId}{(abroad ? " (counts the ballots of voters abroad)" : string.Empty)}");
        return 0;
    }

    /// <summary>Registers (pins) a client certificate of a bureau for one duty, replacing its previous one of that duty.</summary>
    public static async Task<int> BureauCertificateAsync(IServiceProvider services, string bureauId, string certificateFile, BureauDuty duty, string actor)
    {
        using var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(certificateFile));
        byte[] pin = SHA256.HashData(certificate.RawData);
        await services.GetRequiredService<BureauStore>().SetCertificateAsync(bureauId, duty, pin, certificate.NotAfter.ToUniversalTime(), actor);
        Console.WriteLine($"{bureauId} ({duty.Code()}): certificate {certificate.Subject}, valid until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}, SHA-256 {Convert.ToHexString(pin)}");
        return 0;
    }

    /// <summary>Lists the pinned bureau certificates with their end dates, soonest first; exit 1 when one has expired.</summary>
    public static async Task<int> BureauCertificatesAsync(IServiceProvider services, int? withinDays)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var pinned = await services.GetRequiredService<BureauStore>().CertificatesAsync(withinDays is { } days ? now.AddDays(days) : null);
        Console.WriteLine($"{"bureau",-14} {"duty",-10} {"valid until",-17} days left");
        foreach (var c in pinned)
        {
            Console.WriteLine(c.NotAfter is { } end
                ? $"{c.BureauId,-14} {c.Duty.Code(),-10} {end:yyyy-MM-dd HH:mm} {(end - now).TotalDays,9:F0}{(end <= now ? "  EXPIRED: pin a new one (hv bureau cert)" : string.Empty)}"
                : $"{c.BureauId,-14} {c.Duty.Code(),-10} {"unknown",-17}          pinned before end dates were kept: pin it again");
        }

        Console.WriteLine($"{pinned.Count} certificate(s)");
        return pinned.Any(c => c.NotAfter <= now) ? 1 : 0;
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

    /// <summary>
    /// Changes one date of an election's calendar (TR014), audited; the others stay as they are, so
    /// closing in-person voting never moves the print window. A change that would break the legal
    /// order is refused with the rule it breaks and nothing is written.
    /// </summary>
    public static async Task<int> SetCalendarAsync(IServiceProvider services, string electionId, CalendarChange change, string actor)
    {
        var store = services.GetRequiredService<ElectionStore>();
        var current = (await store.ElectionAsync(electionId))?.Calendar ?? throw new UsageException($"election {electionId} does not exist");
        var calendar = change.Date switch
        {
            CalendarDate.IssueFrom => current with { IssueFrom = change.At },
            CalendarDate.IssueUntil => current with { IssueUntil = change.At },
            CalendarDate.InPersonClose => current with { InPersonClose = change.At },
            CalendarDate.ResultsFrom => current with { ResultsFrom = change.At },
            _ => current with { ValidatedAt = change.At },
        };
        if (calendar.Broken is { } rule)
        {
            await Console.Error.WriteLineAsync($"hv: refused, nothing changed: {Sentence(rule, calendar)}.");
            await Console.Error.WriteLineAsync($"hv: now: {Describe(current)}");
            return 1;
        }

        await store.SetCalendarAsync(electionId, calendar, actor);
        Console.WriteLine($"calendar of {electionId}: {Describe(calendar)}");
        return 0;
    }

    /// <summary>Prints an election's calendar and what voters are told about posting.</summary>
    public static async Task<int> ShowCalendarAsync(IServiceProvider services, string electionId)
    {
        var election = await services.GetRequiredService<ElectionStore>().ElectionAsync(electionId)
            ?? throw new UsageException($"election {electionId} does not exist");
        Console.WriteLine($"calendar of {electionId}: {Describe(election.Calendar)}");
        Console.WriteLine(Describe(electionId, election.Notice));
        return 0;
    }

    /// <summary>Sets what voters are told about posting (audited); the parts not given stay.</summary>
    public static async Task<int> SetNoticeAsync(IServiceProvider services, string electionId, DateOnly? postBy, bool? prepaid, string? helpContact, string actor)
    {
        var store = services.GetRequiredService<ElectionStore>();
        var election = await store.ElectionAsync(electionId) ?? throw new UsageException($"election {electionId} does not exist");
        if (postBy is { } day && day > DateOnly.FromDateTime(election.Calendar.InPersonClose.UtcDateTime))
        {
            await Console.Error.WriteLineAsync($"hv: refused, nothing changed: the last posting day {day:yyyy-MM-dd} is after the in-person close {election.Calendar.InPersonClose:u}.");
            return 1;
        }

        await store.SetNoticeAsync(electionId, postBy, prepaid, helpContact, actor);
        Console.WriteLine(Describe(electionId, (await store.ElectionAsync(electionId))!.Notice));
        return 0;
    }

    private static string Describe(string electionId, ElectionNotice n) =>
        $"voters of {electionId} are told: post by {n.PostBy:yyyy-MM-dd}, {(n.Prepaid ? "postage prepaid" : "a stamp is needed")}, help: {n.HelpContact ?? "(none given)"}";

    private static string Describe(ElectionCalendar c) =>
        $"K-codes issued {c.IssueFrom:u} – {c.IssueUntil:u}, in-person close {c.InPersonClose:u}, results from {c.ResultsOpenFrom:u}, validated {c.ValidatedAt:u}";

    // The rule a refused change breaks, and how to keep it.
    private static string Sentence(CalendarRule rule, ElectionCalendar c) => rule switch
    {
        CalendarRule.IssueStartsBeforeItEnds =>
            $"K-code issuing must start before it ends (issue-from {c.IssueFrom:u} is not before issue-until {c.IssueUntil:u})",
        CalendarRule.IssueEndsByInPersonClose =>
            $"K-code issuing must end no later than in-person voting closes (issue-until {c.IssueUntil:u} is after in-person close {c.InPersonClose:u}); "
            + "end issuing first (hv calendar set --election … --issue-until), then close in-person voting",
        CalendarRule.ResultsBetweenCloseAndValidation =>
            $"the results embargo must lie between the in-person close {c.InPersonClose:u} and the validation {c.ValidatedAt:u} (results-from {c.ResultsFrom:u})",
        _ => $"in-person voting must close before the election is validated (in-person close {c.InPersonClose:u} is not before validated-at {c.ValidatedAt:u})",
    };
}

/// <summary>The dates of a calendar that can be changed, one at a time.</summary>
public enum CalendarDate
{
    /// <summary>First moment K-codes may be issued.</summary>
    IssueFrom,

    /// <summary>Last moment K-codes may be issued.</summary>
    IssueUntil,

    /// <summary>When in-person voting closes.</summary>
    InPersonClose,

    /// <summary>When the election is validated.</summary>
    ValidatedAt,

    /// <summary>The results embargo.</summary>
    ResultsFrom,
}

/// <summary>One calendar change: which date, and the moment it is set to.</summary>
public sealed record CalendarChange(CalendarDate Date, DateTimeOffset At);
