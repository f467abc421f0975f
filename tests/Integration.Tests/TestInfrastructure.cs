using System.Security.Claims;
using HybridVote.Imports;
using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HybridVote.Integration.Tests;

/// <summary>
/// A fresh database on the real PostgreSQL and the real Redis started by scripts/test
/// (HV_TEST_PG, HV_TEST_REDIS), migrated and loaded with two test elections.
/// </summary>
public sealed class TestInfrastructure : IAsyncLifetime
{
    public const string OpenElection = "T1";
    public const string CountingElection = "T2";
    public const string BwBureauKey = "bw-bureau-key-0123456789";
    public const string VbBureauKey = "vb-bureau-key-0123456789";
    public const string CountingBureauKey = "t2-bureau-key-0123456789";
    public const string T2ScannerKey = "t2-scanner-key-0123456789";
    public const string BwCountingKey = "bw-counting-key-0123456789";

    private static int serial;
    private readonly string databaseName = "hv_it_" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<IDisposable> factories = [];

    public string Database { get; private set; } = string.Empty;

    public string Redis { get; } = Environment.GetEnvironmentVariable("HV_TEST_REDIS") ?? "127.0.0.1:6379";

    public string KeysDirectory { get; } = Path.Combine(Path.GetTempPath(), "hv-it-keys-" + Guid.NewGuid().ToString("N"));

    public SecretKeys Keys { get; private set; } = null!;

    public Pseudonyms Pseudonyms => new(Keys);

    public NpgsqlDataSource Db { get; private set; } = null!;

    private static string Admin => Environment.GetEnvironmentVariable("HV_TEST_PG") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres";

    public async Task InitializeAsync()
    {
        // Each function under test would watch its settings files with an inotify instance of its
        // own (128 per user): the test hosts read them once, and any watch polls.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
        Database = await CreateDatabaseAsync(databaseName);
        Db = NpgsqlDataSource.Create(Database);
        KeyFiles.CreateDevelopmentKeys(KeysDirectory);
        Keys = KeyFiles.Load(KeysDirectory);
        await new Migrator(Db).MigrateAsync();
        // As `hv migrate` does: the session key ring has its key before any function starts.
        using (var keyRing = new ServiceCollection().AddLogging().AddSingleton(Db).AddSingleton(Keys).AddSessionKeyRing().BuildServiceProvider())
        {
            SessionKeyRing.EnsureKey(keyRing, TimeProvider.System);
        }
        var importer = Importer();
        var now = DateTimeOffset.UtcNow;
        await importer.ImportElectionAsync(Election(OpenElection, new ElectionCalendar(now.AddDays(-1), now.AddDays(10), now.AddDays(10), now.AddDays(40)), "BW-001", "VB-001"), "test");
        await importer.ImportElectionAsync(Election(CountingElection, new ElectionCalendar(now.AddDays(-20), now.AddDays(-2), now.AddDays(-1), now.AddDays(40)), "T2-BW-001", "T2-VB-001"), "test");
        await importer.ImportListsAsync(
        [
            new CandidateListDefinition(OpenElection, "BW", 1, "Avenir Commun", ["Dupont Élodie", "Lefèvre Noël"], ["D'Hondt Loïc"]),
            new CandidateListDefinition(OpenElection, "BW", 2, "Liste Citoyenne", ["Ćosić Zoë"], []),
            new CandidateListDefinition(OpenElection, "VB", 1, "Samen Vooruit", ["Peeters Jan"], []),
        ], "test");
        var bureaus = new BureauStore(Db, new AuditLog(TimeProvider.System));
        // Each key has one duty: scanners receive envelopes, counting clients register ballots.
        await bureaus.SetKeyHashAsync("BW-001", BureauDuty.Reception, Pseudonyms.BureauKeyHash(BwBureauKey), "operator:test");
        await bureaus.SetKeyHashAsync("VB-001", BureauDuty.Reception, Pseudonyms.BureauKeyHash(VbBureauKey), "operator:test");
        await bureaus.SetKeyHashAsync("T2-BW-001", BureauDuty.Reception, Pseudonyms.BureauKeyHash(T2ScannerKey), "operator:test");
        await bureaus.SetKeyHashAsync("BW-001", BureauDuty.Counting, Pseudonyms.BureauKeyHash(BwCountingKey), "operator:test");
        await bureaus.SetKeyHashAsync("T2-BW-001", BureauDuty.Counting, Pseudonyms.BureauKeyHash(CountingBureauKey), "operator:test");
    }

    public async Task DisposeAsync()
    {
        factories.ForEach(f => f.Dispose());
        await Db.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(KeysDirectory, recursive: true);
    }

    /// <summary>A function under test, configured for this database and Redis.</summary>
    public WebApplicationFactory<T> Function<T>(string? redis = null, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string>? settings = null)
        where T : class
    {
        var factory = new WebApplicationFactory<T>().WithWebHostBuilder(b =>
        {
            foreach (var (name, value) in Settings(redis).Concat(settings ?? new Dictionary<string, string>()))
            {
                b.UseSetting(name, value);
            }
            // The in-process server has no sockets: each request arrives on the port its URL names,
            // as with Kestrel, so the operations port (9090) is reached by http://localhost:9090.
            b.ConfigureServices(s => s.AddSingleton<IStartupFilter, ArrivesOnItsPort>());
            if (services is not null)
            {
                b.ConfigureServices(services);
            }
        });
        factories.Add(factory);
        return factory;
    }

    /// <summary>
    /// The database as the functions under test reach it: a test's hosts live until the collection
    /// ends, so their pools give idle connections back within seconds instead of five minutes, and
    /// the suite stays far below PostgreSQL's max_connections.
    /// </summary>
    private string FunctionDatabase => new NpgsqlConnectionStringBuilder(Database) { ConnectionIdleLifetime = 2, ConnectionPruningInterval = 1 }.ConnectionString;

    /// <summary>The settings every function under test runs with: this database, Redis and keys.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings(string? redis = null) =>
    [
        new("HybridVote:Database", FunctionDatabase),
        new("HybridVote:Redis", redis ?? Redis),
        new("HybridVote:KeysDirectory", KeysDirectory),
        new("Fas:Authority", "http://localhost/"),
        new("Fas:ClientId", "hybridvote"),
        new("Fas:ClientSecretFile", Path.Combine(KeysDirectory, "hash.key")),
        new("Fas:RequireHttpsMetadata", "false"),
        // Every test client has the same (unknown) address: only the per-session limit is tested.
        new("CheckLimits:PerClient", "100000"),
    ];

    /// <summary>The services every function and the CLI start from (keys, PostgreSQL, Redis, stores), built from <paramref name="settings"/>.</summary>
    public static ServiceProvider CoreServices(IEnumerable<KeyValuePair<string, string>> settings)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings!).Build());
        return services.AddHybridVoteCore().BuildServiceProvider();
    }

    /// <summary>A client of the function's operations port (/healthz, /readyz, /metrics).</summary>
    public static HttpClient OperationsClient<T>(WebApplicationFactory<T> factory)
        where T : class =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost:9090"), AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>An HTTPS client that neither follows redirects nor keeps cookies (each request says which session it has).</summary>
    public static HttpClient Client<T>(WebApplicationFactory<T> factory)
        where T : class =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>Sends a request with the given session cookie (or none).</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? cookie, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return client.SendAsync(request);
    }

    /// <summary>A session cookie as LoginCallback would issue it.</summary>
    public static string SessionCookie<T>(WebApplicationFactory<T> factory, byte[]? voterKey, Language language = Language.Fr, DateTimeOffset? expires = null)
        where T : class
    {
        var options = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(FunctionHost.SessionScheme);
        var now = DateTimeOffset.UtcNow;
        var properties = new AuthenticationProperties { IssuedUtc = now.AddMinutes(-30), ExpiresUtc = expires ?? now.AddMinutes(20) };
        var ticket = new AuthenticationTicket(VoterSession.ToPrincipal(voterKey, "Élodie", language), properties, FunctionHost.SessionScheme);
        return "hv_session=" + options.TicketDataFormat.Protect(ticket);
    }

    /// <summary>
    /// A session with a form token, as a browser has after loading a page: the Cookie header (session
    /// and antiforgery cookie) and the token the page's form carries.
    /// </summary>
    public static (string Cookies, string Token) FormSession<T>(WebApplicationFactory<T> factory, byte[]? voterKey, Language language = Language.Fr)
        where T : class => PrincipalFormSession(factory, FormSessionPrincipal(voterKey, language));

    /// <summary>The identity a voter's session holds.</summary>
    public static System.Security.Claims.ClaimsPrincipal FormSessionPrincipal(byte[]? voterKey, Language language = Language.Fr) => VoterSession.ToPrincipal(voterKey, "Élodie", language);

    /// <summary>A staff member's session with a form token, as after the staff login (roles are read per request).</summary>
    public static (string Cookies, string Token) StaffFormSession<T>(WebApplicationFactory<T> factory, byte[] staffKey, Language language = Language.Fr)
        where T : class => PrincipalFormSession(factory, StaffSession.ToPrincipal(staffKey, "Rania", language));

    /// <summary>The Cookie header and form token of a session holding <paramref name="principal"/>; with none, of a visitor without a session.</summary>
    public static (string Cookies, string Token) PrincipalFormSession<T>(WebApplicationFactory<T> factory, System.Security.Claims.ClaimsPrincipal? principal)
        where T : class
    {
        var options = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(FunctionHost.SessionScheme);
        if (principal is null)
        {
            using var anonymousScope = factory.Services.CreateScope();
            var visitor = new DefaultHttpContext { RequestServices = anonymousScope.ServiceProvider };
            visitor.Request.Scheme = "https";
            var anonymous = factory.Services.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>().GetAndStoreTokens(visitor);
            return ($"hv_form={anonymous.CookieToken}", anonymous.RequestToken!);
        }

        var now = DateTimeOffset.UtcNow;
        string session = options.TicketDataFormat.Protect(new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddMinutes(20) }, FunctionHost.SessionScheme));
        using var scope = factory.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = principal };
        context.Request.Scheme = "https";
        var tokens = factory.Services.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>().GetAndStoreTokens(context);
        return ($"hv_session={session}; hv_form={tokens.CookieToken}", tokens.RequestToken!);
    }

    /// <summary>A form POST as the page would send it: the fields, the token, and the page's own origin.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, (string Cookies, string Token) session, params KeyValuePair<string, string>[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", session.Token)]) };
        request.Headers.Add("Cookie", session.Cookies);
        request.Headers.Add("Origin", "https://localhost");
        return client.SendAsync(request);
    }

    /// <summary>A new hybrid voter in the given elections; returns the national number and the voter key.</summary>
    public async Task<(string Nrn, byte[] VoterKey)> NewVoterAsync(string contest = "BW", params string[] elections)
    {
        string nrn = NationalNumber.Compose(800101 + Interlocked.Increment(ref serial), 7, false);
        // A source of its own: loading it replaces no other test voter.
        var voter = new ListedVoter(nrn, "Élodie", "Ćosić-D'Hondt", "Rue de l'Église 1, 1300 Wavre", Language.Fr, "T" + nrn,
            (elections.Length == 0 ? [OpenElection] : elections).Select(e => new VoterContest(e, contest)).ToList());
        await Voters().ImportAsync([voter], "test");
        return (nrn, Pseudonyms.VoterKey(nrn));
    }

    /// <summary>
    /// A fresh election in its counting phase (in-person voting closed) with the lists of the open
    /// election in Brabant wallon, its main bureau there and a second counting bureau, each with a
    /// counting key: a test that locks a sheet locks it in an election of its own.
    /// </summary>
    public async Task<CountingSetup> NewCountingElectionAsync()
    {
        string id = "C" + Interlocked.Increment(ref serial);
        var now = DateTimeOffset.UtcNow;
        var importer = Importer();
        await importer.ImportElectionAsync(Election(id, new ElectionCalendar(now.AddDays(-20), now.AddDays(-2), now.AddDays(-1), now.AddDays(40)), id + "-BW-001", id + "-VB-001"), "test");
        await importer.ImportListsAsync(
        [
            new CandidateListDefinition(id, "BW", 1, "Avenir Commun", ["Dupont Élodie", "Lefèvre Noël"], ["D'Hondt Loïc"]),
            new CandidateListDefinition(id, "BW", 2, "Liste Citoyenne", ["Ćosić Zoë"], []),
        ], "test");
        string second = id + "-BW-002";
        await using (var cmd = Db.CreateCommand("INSERT INTO bureau (id, name, address, election_id, contest_id) VALUES ($1, $2, 'Rue du Bureau 2, 1300 Wavre', $3, 'BW')"))
        {
            cmd.Parameters.Add(new() { Value = second });
            cmd.Parameters.Add(new() { Value = $"Bureau de dépouillement 2 {id}" });
            cmd.Parameters.Add(new() { Value = id });
            await cmd.ExecuteNonQueryAsync();
        }

        var bureaus = new BureauStore(Db, new AuditLog(TimeProvider.System));
        var setup = new CountingSetup(id, id + "-BW-001", second, id.ToLowerInvariant() + "-main-counting-key-0123456789", id.ToLowerInvariant() + "-second-counting-key-0123456789");
        await bureaus.SetKeyHashAsync(setup.Main, BureauDuty.Counting, Pseudonyms.BureauKeyHash(setup.MainKey), "operator:test");
        await bureaus.SetKeyHashAsync(setup.Second, BureauDuty.Counting, Pseudonyms.BureauKeyHash(setup.SecondKey), "operator:test");
        return setup;
    }

    /// <summary>A national number no test used before: staff members are people of their own.</summary>
    public static string NewStaffNumber() => NationalNumber.Compose(690101, 100 + Interlocked.Increment(ref staffSerial), false);

    private static int staffSerial;

    /// <summary>A new member of staff holding one role (in the open election unless another is named); returns their staff key.</summary>
    public async Task<byte[]> NewStaffAsync(StaffRole role, string? bureau, string election = OpenElection)
    {
        byte[] key = Pseudonyms.StaffKey(NewStaffNumber());
        Assert.Null(await new StaffStore(Db, new AuditLog(TimeProvider.System)).AssignAsync(key, new StaffAssignment(role, election, bureau), "test"));
        return key;
    }

    /// <summary>A voter of the open test election.</summary>
    public static ListedVoter Listed(string nrn, string contest, string given = "Anaïs", string surname = "Lefèvre", string? source = null) =>
        new(nrn, given, surname, "Rue du Moulin 3, 1300 Wavre", Language.Fr, source ?? "T" + nrn, [new VoterContest(OpenElection, contest)]);

    /// <summary>Loads voters with the given line numbers, as from one file.</summary>
    public Task<VoterLoadResult> LoadVotersAsync(params (ListedVoter Voter, int Line)[] voters) =>
        Voters().ImportAsync(voters.Select(v => Voters().Prepare(new VoterLine(v.Voter, v.Line, "test.eml"))), "test", [], voters.Length);

    /// <summary>A new empty database (for a test that needs one of its own, e.g. national data); returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var conn = new NpgsqlConnection(Admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(Admin) { Database = name }.ConnectionString;
    }

    /// <summary>Where <c>hv</c> writes its import metrics in tests.</summary>
    public string ImportMetricsFile => Path.Combine(KeysDirectory, "import.prom");

    /// <summary>Runs an <c>hv</c> command against the test database.</summary>
    public Task<int> HvAsync(params string[] args) => HvOnAsync(Database, args);

    /// <summary>Runs an <c>hv</c> command against <paramref name="database"/>.</summary>
    public Task<int> HvOnAsync(string database, params string[] args) => HybridVote.Cli.Hv.RunAsync(args, new Dictionary<string, string?>
    {
        ["HybridVote:Database"] = database,
        ["HybridVote:ImportMetricsFile"] = ImportMetricsFile,
        ["HybridVote:Redis"] = Redis,
        ["HybridVote:KeysDirectory"] = KeysDirectory,
    });

    /// <summary>Runs an <c>hv</c> command and returns its exit code and what it wrote to standard error.</summary>
    public async Task<(int Code, string Error)> HvCapturingAsync(params string[] args)
    {
        var original = Console.Error;
        using var error = new StringWriter();
        Console.SetError(error);
        try
        {
            return (await HvAsync(args), error.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }

    public ElectionImporter Importer() => new(Db, new AuditLog(TimeProvider.System));

    public VoterListImporter Voters() => new(Db, new AuditLog(TimeProvider.System), Pseudonyms, new Sealer(Keys));

    public ReceiptQueue Queue() => new(Db);

    public StatusCache Cache() => new(StackExchange.Redis.ConnectionMultiplexer.Connect(Redis), NullLogger<StatusCache>.Instance);

    /// <summary>Runs a scalar query.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>True when any row of any table contains <paramref name="text"/> (privacy checks).</summary>
    public async Task<bool> DatabaseContainsAsync(string text)
    {
        var tables = new List<string>();
        await using (var cmd = Db.CreateCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            if (await ScalarAsync<long>($"SELECT count(*) FROM \"{table}\" t WHERE t::text ILIKE '%' || $1 || '%'", text) > 0)
            {
                return true;
            }
        }

        return false;
    }

    // The EML gives one name; the other languages' names come from be:Name (TR006).
    internal static ElectionDefinition Election(string id, ElectionCalendar calendar, string bwBureau, string vbBureau) => new("EV", id, $"Élection {id}", calendar,
    [
        new ContestDefinition("BW", "Brabant wallon", "fr", 5, new BureauDefinition(bwBureau, $"Bureau principal {id}", "Place de l'Hôtel de Ville 1, 1300 Wavre")),
        new ContestDefinition("VB", "Vlaams-Brabant", "nl", 6, new BureauDefinition(vbBureau, $"Hoofdbureau {id}", "Professor Van Overstraetenplein 1, 3000 Leuven"),
            new LocalNames([KeyValuePair.Create(Language.Fr, "Brabant flamand")])),
    ], new LocalNames([KeyValuePair.Create(Language.Nl, $"Verkiezing {id}"), KeyValuePair.Create(Language.De, $"Wahl {id}")]));
}

/// <summary>An election of its own in its counting phase: its id, the main bureau of Brabant wallon and a second bureau there, and their counting keys.</summary>
public sealed record CountingSetup(string ElectionId, string Main, string Second, string MainKey, string SecondKey);

[CollectionDefinition(Name)]
public sealed class InfrastructureCollection : ICollectionFixture<TestInfrastructure>
{
    public const string Name = "PostgreSQL and Redis";
}

/// <summary>Gives each in-process request the local port its URL names, as a socket would.</summary>
internal sealed class ArrivesOnItsPort : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, nextMiddleware) =>
        {
            if (http.Connection.LocalPort == 0)
            {
                http.Connection.LocalPort = http.Request.Host.Port ?? (http.Request.IsHttps ? 443 : 80);
            }

            return nextMiddleware(http);
        });
        next(app);
    };
}
