using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HybridVote.Domain;
using HybridVote.Eml;
using HybridVote.Hosting;
using HybridVote.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HybridVote.Import;

/// <summary>The <c>hv</c> command line for organisers and operators.</summary>
public static class Cli
{
    /// <summary>Help text listing every command.</summary>
    public const string Help = """
        hv — HybridVote organiser and operator commands

          hv migrate                                   apply database migrations
          hv keys dev [--dir DIR]                      create development keys (never in production)
          hv keys signing --dir DIR                    create a development issuing-authority key pair
          hv sign --key KEY.pem FILE [--out FILE.sig]  sign a file (detached ECDSA P-256 signature)
          hv import election FILE.eml --signature FILE.sig   load an EML 110 election event
          hv import lists FILE.eml --signature FILE.sig      load EML 230 candidate lists
          hv import voters FILE.eml... [--signature FILE.sig]
                                                       load EML 330 voter lists (one or more files, one
                                                       transaction); each file replaces the earlier voters
                                                       of its sources (communes, consular posts)
          hv import in-person FILE.eml... --election ID
                                                       add to the list of voters who voted in person
                                                       (imports check each signature, --signature or
                                                       FILE.sig, against --trust DIR or
                                                       HybridVote__TrustDirectory before writing)
          hv gen-testdata --out DIR [--voters N] [--seed S] [--in-person-share F] [--key KEY.pem]
                                                       write signed synthetic national data (default
                                                       8,167,709 voters)
          hv calendar set --election ID [--issue-from T] [--issue-until T] [--in-person-close T] [--validated-at T]
          hv bureau key BUREAU                         issue a new scanner key for a bureau (shown once; development)
          hv bureau cert BUREAU CERT.pem               register the client certificate of a bureau (production;
                                                       replaces its previous certificate)
          hv audit verify                              check the audit trail's hash chain
          hv reconcile [--election ID]                 receipts per bureau: received = accepted + cancelled + duplicate + rejected + pending
          hv rejects list [--reason TEXT] [--limit N]  rejected receipts and why
          hv rejects requeue --id N | --reason TEXT    put rejected receipts back in the queue (audited)
          hv demo --out DIR [--voters N]               generate and load the demo election
          hv proof-ballot --candidates FILE.eml --contest ID --language fr|nl|de|fr+nl --out FILE.pdf
                          [--election-name TEXT] [--contest-name TEXT] [--date YYYY-MM-DD]
                                                       render a ballot from any EML 230 file, marked PROOF

        Settings come from HybridVote__Database, HybridVote__Redis, HybridVote__KeysDirectory.
        Times are ISO 8601 (UTC unless an offset is given).
        """;

    /// <summary>Runs a command; returns the process exit code. <paramref name="settings"/> override the environment (tests).</summary>
    public static async Task<int> RunAsync(string[] argv, IDictionary<string, string?>? settings = null)
    {
        var args = new CliArgs(argv);
        if (args.Words.Count == 0 || args.Option("help") is not null || args.Words[0] == "help")
        {
            Console.WriteLine(Help);
            return args.Words.Count == 0 && args.Option("help") is null ? 2 : 0;
        }

        try
        {
            if (args.Words[0] == "keys")
            {
                return CreateKeys(args);
            }

            if (args.Words[0] == "sign")
            {
                return ImportCommand.Sign(args);
            }

            if (args.Words[0] == "gen-testdata")
            {
                return TestData.Run(args);
            }

            if (args.Words[0] == "proof-ballot")
            {
                return ProofBallot.Run(args);
            }

            using var host = BuildHost(settings);
            return await DispatchAsync(host.Services, args);
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"hv: {e.Message}\n\n{Help}");
            return 2;
        }
        catch (Exception e) when (e is FormatException or System.Xml.XmlException or IOException or KeyNotFoundException or NpgsqlException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"hv: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> BureauCredentialAsync(IServiceProvider services, CliArgs args, string actor)
    {
        string what = args.Word(1, "key or cert");
        string bureauId = args.Word(2, "bureau id");
        var store = services.GetRequiredService<BureauStore>();
        switch (what)
        {
            case "key":
                string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
                await store.SetKeyHashAsync(bureauId, services.GetRequiredService<Pseudonyms>().BureauKeyHash(key), actor);
                Console.WriteLine(key);
                break;
            case "cert":
                using (var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(args.Word(3, "certificate file"))))
                {
                    byte[] pin = SHA256.HashData(certificate.RawData);
                    await store.SetCertificateAsync(bureauId, pin, actor);
                    Console.WriteLine($"{bureauId}: certificate {certificate.Subject}, valid until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}, SHA-256 {Convert.ToHexString(pin)}");
                }

                break;
            default:
                throw new FormatException("usage: hv bureau key BUREAU | hv bureau cert BUREAU CERT.pem");
        }

        return 0;
    }

    private static async Task<int> DispatchAsync(IServiceProvider services, CliArgs args)
    {
        string actor = "operator:" + Environment.UserName;
        switch (args.Words[0])
        {
            case "migrate":
                var applied = await services.GetRequiredService<Migrator>().MigrateAsync();
                Console.WriteLine(applied.Count == 0 ? "database is up to date" : "applied " + string.Join(", ", applied));
                return 0;
            case "import":
                return await ImportCommand.RunAsync(services, args, actor);
            case "calendar":
                return await SetCalendarAsync(services, args, actor);
            case "bureau":
                return await BureauCredentialAsync(services, args, actor);
            case "audit":
                long? broken = await AuditLog.VerifyAsync(services.GetRequiredService<NpgsqlDataSource>(), CancellationToken.None);
                Console.WriteLine(broken is null ? "audit trail intact" : $"audit trail broken at event {broken}");
                return broken is null ? 0 : 1;
            case "demo":
                return await DemoElection.RunAsync(services, args, actor);
            case "reconcile":
                return await OperatorCommands.ReconcileAsync(services, args);
            case "rejects":
                return await OperatorCommands.RejectsAsync(services, args, actor);
            default:
                throw new UsageException($"unknown command '{args.Words[0]}'");
        }
    }

    private static int CreateKeys(CliArgs args)
    {
        string kind = args.Word(1, "key kind (dev or signing)");
        if (kind == "signing")
        {
            string target = args.Option("dir") ?? throw new UsageException("--dir is required");
            Directory.CreateDirectory(target);
            var (privatePem, publicPem) = FileSignature.CreateDevelopmentKey();
            File.WriteAllText(Path.Combine(target, "issuer.key.pem"), privatePem);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path.Combine(target, "issuer.key.pem"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.WriteAllText(Path.Combine(target, "issuer.pub.pem"), publicPem);
            Console.WriteLine($"wrote issuer.key.pem and issuer.pub.pem to {target} (put the public key in the trust directory)");
            return 0;
        }

        if (kind != "dev")
        {
            throw new UsageException("only development keys can be created here; production keys come from the key ceremony");
        }

        string dir = args.Option("dir") ?? new ConfigurationBuilder().AddEnvironmentVariables().Build()["HybridVote:KeysDirectory"] ?? throw new UsageException("--dir is required");
        var written = KeyFiles.CreateDevelopmentKeys(dir);
        Console.WriteLine(written.Count == 0 ? $"keys already present in {dir}" : $"wrote {written.Count} development keys to {dir}");
        return 0;
    }

    private static async Task<int> SetCalendarAsync(IServiceProvider services, CliArgs args, string actor)
    {
        string electionId = args.Option("election") ?? throw new UsageException("--election is required");
        var store = services.GetRequiredService<ElectionStore>();
        var current = (await store.ElectionAsync(electionId))?.Calendar ?? throw new KeyNotFoundException($"election {electionId} does not exist");
        DateTimeOffset Pick(string option, DateTimeOffset old) =>
            args.Option(option) is { } v ? DateTimeOffset.Parse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : old;
        var calendar = new ElectionCalendar(Pick("issue-from", current.IssueFrom), Pick("issue-until", current.IssueUntil),
            Pick("in-person-close", current.InPersonClose), Pick("validated-at", current.ValidatedAt));
        if (!calendar.IsInOrder)
        {
            throw new UsageException("the dates must follow: issue-from < issue-until <= in-person-close < validated-at");
        }

        await store.SetCalendarAsync(electionId, calendar, actor);
        Console.WriteLine($"calendar of {electionId}: issue {calendar.IssueFrom:u} – {calendar.IssueUntil:u}, in-person close {calendar.InPersonClose:u}, validated {calendar.ValidatedAt:u}");
        return 0;
    }

    private static IHost BuildHost(IDictionary<string, string?>? settings)
    {
        var builder = Host.CreateApplicationBuilder();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().AddFilter(level => level >= LogLevel.Warning);
        builder.Services.AddHybridVoteCore();
        return builder.Build();
    }
}
