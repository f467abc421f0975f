using System.Net;
using System.Net.Http.Json;
using HybridVote.Domain;
using HybridVote.EnvelopeIntake;
using HybridVote.Reception;
using HybridVote.Hosting;
using HybridVote.KCodeIssue;
using HybridVote.LoginCallback;
using HybridVote.StatusQuery;
using HybridVote.VoterHome;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Integration.Tests;

/// <summary>
/// The security regression suite (SEC004, SEC020): each test is a class of attack found on the
/// running system, and fails if that class comes back.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class SecurityTests(TestInfrastructure infra)
{
    [Fact]
    public async Task DatabaseDump_IsNotEnoughToMintASession()
    {
        var factory = infra.Function<StatusService>();
        string cookie = TestInfrastructure.SessionCookie(factory, new byte[32]);
        var rows = new List<string>();
        await using (var cmd = infra.Db.CreateCommand("SELECT xml FROM data_protection_key"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }

        Assert.NotEmpty(rows);
        Assert.All(rows, xml => Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal));

        // An attacker with the rows but not the mounted keyring.key builds the same key ring and
        // tries to read (and so to forge) a session cookie.
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("HybridVote");
        services.Configure<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o => o.XmlRepository = new DumpedRing(rows));
        using var provider = services.BuildServiceProvider();
        var protector = provider.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", FunctionHost.SessionScheme, "v2");
        string payload = cookie["hv_session=".Length..];
        Assert.ThrowsAny<Exception>(() => protector.Unprotect(Microsoft.AspNetCore.WebUtilities.Base64UrlTextEncoder.Decode(payload)));
    }

    [Fact]
    public async Task Logout_EndsTheSessionEverywhere_TheOldCookieIsRefused()
    {
        var login = infra.Function<LoginService>();
        var status = infra.Function<StatusService>();
        var (_, voterKey) = await infra.NewVoterAsync();
        var session = TestInfrastructure.FormSession(login, voterKey);
        using var statusClient = TestInfrastructure.Client(status);
        Assert.Equal(HttpStatusCode.OK, (await TestInfrastructure.SendAsync(statusClient, HttpMethod.Get, "/status/api/envelopes", session.Cookies)).StatusCode);

        using var loginClient = TestInfrastructure.Client(login);
        var logout = await TestInfrastructure.PostFormAsync(loginClient, "/auth/logout", session);
        Assert.Equal("/auth/logged-out", logout.Headers.Location?.ToString());

        // Another function (another replica) learns it within its next poll.
        HttpStatusCode after = HttpStatusCode.OK;
        for (int i = 0; i < 50 && after == HttpStatusCode.OK; i++)
        {
            await Task.Delay(100);
            after = (await TestInfrastructure.SendAsync(statusClient, HttpMethod.Get, "/status/api/envelopes", session.Cookies)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, after);
    }

    [Fact]
    public async Task Session_PastItsAbsoluteLifetime_IsRefused_WhateverItsSlidingRenewal()
    {
        var status = infra.Function<StatusService>();
        var (_, voterKey) = await infra.NewVoterAsync();
        var options = status.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>().Get(FunctionHost.SessionScheme);
        var now = DateTimeOffset.UtcNow;
        var old = VoterSession.ToPrincipal(voterKey, "A", Language.Fr, issuedAt: now.AddHours(-3));
        string cookie = "hv_session=" + options.TicketDataFormat.Protect(new Microsoft.AspNetCore.Authentication.AuthenticationTicket(old,
            new Microsoft.AspNetCore.Authentication.AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddMinutes(20) }, FunctionHost.SessionScheme));
        using var client = TestInfrastructure.Client(status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TestInfrastructure.SendAsync(client, HttpMethod.Get, "/status/api/envelopes", cookie)).StatusCode);
    }

    [Theory]
    [InlineData("https://localhost", null, HttpStatusCode.OK)]
    [InlineData("https://evil.example", null, HttpStatusCode.Forbidden)]
    [InlineData("https://other.localhost", "same-site", HttpStatusCode.Forbidden)]
    [InlineData(null, "cross-site", HttpStatusCode.Forbidden)]
    [InlineData("null", null, HttpStatusCode.Forbidden)]
    [InlineData("null", "same-origin", HttpStatusCode.OK)]
    public async Task StateChangingRequest_FromAnotherOrigin_IsRefused_AndPrintsNothing(string? origin, string? fetchSite, HttpStatusCode expected)
    {
        var factory = infra.Function<KCodeService>();
        var (_, voterKey) = await infra.NewVoterAsync();
        var session = TestInfrastructure.FormSession(factory, voterKey);
        using var client = TestInfrastructure.Client(factory);
        var request = new HttpRequestMessage(HttpMethod.Post, "/print/api");
        request.Headers.Add("Cookie", session.Cookies);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        Assert.Equal(expected, (await client.SendAsync(request)).StatusCode);
        long printed = await infra.ScalarAsync<long>("SELECT count(*) FROM envelope WHERE voter_key = $1 AND print_count > 0", voterKey);
        Assert.Equal(expected == HttpStatusCode.OK ? 1L : 0L, printed);
    }

    [Fact]
    public async Task FormPost_WithoutItsToken_IsRefused_AndPrintsNothing()
    {
        var factory = infra.Function<KCodeService>();
        var (_, voterKey) = await infra.NewVoterAsync();
        var session = TestInfrastructure.FormSession(factory, voterKey);
        using var client = TestInfrastructure.Client(factory);
        var forged = await TestInfrastructure.PostFormAsync(client, "/print", (session.Cookies, "not-the-token"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var otherVoter = TestInfrastructure.FormSession(factory, (await infra.NewVoterAsync()).VoterKey);
        Assert.Equal(HttpStatusCode.BadRequest, (await TestInfrastructure.PostFormAsync(client, "/print", (session.Cookies, otherVoter.Token))).StatusCode);
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM envelope WHERE voter_key = $1 AND print_count > 0", voterKey));
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/%2F/evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/status\r\nSet-Cookie: x=1")]
    [InlineData("/auth/login")]
    public async Task LanguageSwitch_ReturnsOnlyToAKnownPage(string target)
    {
        using var client = TestInfrastructure.Client(infra.Function<HomeService>());
        var response = await client.GetAsync("/lang/nl?r=" + Uri.EscapeDataString(target));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task IdempotencyKey_ReusedForAnotherEnvelope_Is409_AndTheFirstReceiptStands()
    {
        using var client = TestInfrastructure.Client(infra.Function<IntakeLimitOptions>());
        string key = "reuse-" + Guid.NewGuid().ToString("N");
        var first = await Post(client, new { labelToken = "AAAAA-BBBBB-CCCCC-DDDDD", scannedAt = DateTimeOffset.UtcNow, idempotencyKey = key });
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var replay = await Post(client, new { labelToken = "AAAAA-BBBBB-CCCCC-DDDDD", scannedAt = DateTimeOffset.UtcNow, idempotencyKey = key });
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var other = await Post(client, new { labelToken = "EEEEE-FFFFF-GGGGG-HHHHH", scannedAt = DateTimeOffset.UtcNow, idempotencyKey = key });
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal(infra.Pseudonyms.LabelTokenHash("AAAAA-BBBBB-CCCCC-DDDDD"), await infra.ScalarAsync<byte[]>("SELECT label_token_hash FROM receipt WHERE idempotency_key = $1", key));
    }

    [Theory]
    [InlineData("""{"receipts":[null]}""")]
    [InlineData("""{"receipts":[{"labelToken":"AAAAA","scannedAt":"2026-01-01T00:00:00Z","idempotencyKey":"nul\u0000key"}]}""")]
    [InlineData("""{"receipts":[{"labelToken":"AAA\u0007AA","scannedAt":"2026-01-01T00:00:00Z","idempotencyKey":"bell"}]}""")]
    [InlineData("""{"receipts":[{"labelToken":"AAAAA","scannedAt":"2026-01-01T00:00:00Z","idempotencyKey":"with space"}]}""")]
    public async Task Intake_NullItemsOrControlCharacters_Are400_AndNothingIsStored(string body)
    {
        using var client = TestInfrastructure.Client(infra.Function<IntakeLimitOptions>());
        long before = await infra.ScalarAsync<long>("SELECT count(*) FROM receipt");
        var request = new HttpRequestMessage(HttpMethod.Post, "/intake/receipts") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(BureauAuthentication.Header, TestInfrastructure.BwBureauKey);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(request)).StatusCode);
        Assert.Equal(before, await infra.ScalarAsync<long>("SELECT count(*) FROM receipt"));
    }

    [Fact]
    public async Task GroupCommit_ABadRequestFailsAlone_TheOthersOfItsGroupAreStored()
    {
        var factory = infra.Function<IntakeLimitOptions>();
        var writer = factory.Services.GetRequiredService<ReceiptWriter>();
        var bureau = await factory.Services.GetRequiredService<HybridVote.Storage.ElectionStore>().BureauAsync("BW-001") ?? throw new InvalidOperationException("no BW-001");
        // The database refuses a NUL in text: written past the edge's validation, it is the poison.
        var poisoned = new HybridVote.Storage.IncomingReceipt(bureau.Id, "poison\0" + Guid.NewGuid(), new byte[32], DateTimeOffset.UtcNow);
        var good = Enumerable.Range(0, 20).Select(i => new HybridVote.Storage.IncomingReceipt(bureau.Id, $"good-{i}-{Guid.NewGuid()}", infra.Pseudonyms.LabelTokenHash("G" + i), DateTimeOffset.UtcNow)).ToList();
        var writes = good.Select(g => writer.WriteAsync([g], CancellationToken.None)).Prepend(writer.WriteAsync([poisoned], CancellationToken.None)).ToList();
        await Assert.ThrowsAnyAsync<Exception>(() => writes[0]);
        foreach (var write in writes.Skip(1))
        {
            Assert.Single(await write);
        }
    }

    [Fact]
    public async Task OneKeyRing_ACookieOfEitherFunctionIsAcceptedByTheOther_StartedTogetherAndAfterARestart()
    {
        var (_, voterKey) = await infra.NewVoterAsync();
        long keys = await infra.ScalarAsync<long>("SELECT count(*) FROM data_protection_key");
        // Two functions start at the same time on the ring `hv migrate` prepared.
        var starting = (Print: Task.Run(() => Started(infra.Function<KCodeService>())), Status: Task.Run(() => Started(infra.Function<StatusService>())));
        var print = await starting.Print;
        var status = await starting.Status;
        using var printClient = TestInfrastructure.Client(print);
        using var statusClient = TestInfrastructure.Client(status);
        string fromPrint = TestInfrastructure.SessionCookie(print, voterKey), fromStatus = TestInfrastructure.SessionCookie(status, voterKey);
        Assert.Equal(HttpStatusCode.OK, (await TestInfrastructure.SendAsync(statusClient, HttpMethod.Get, "/status/api/envelopes", fromPrint)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TestInfrastructure.SendAsync(statusClient, HttpMethod.Get, "/status/api/envelopes", fromStatus)).StatusCode);

        // The print function restarts: the other's cookie, and its own from before, still open a session.
        print.Dispose();
        var restarted = infra.Function<StatusService>();
        using var restartedClient = TestInfrastructure.Client(restarted);
        Assert.Equal(HttpStatusCode.OK, (await TestInfrastructure.SendAsync(restartedClient, HttpMethod.Get, "/status/api/envelopes", fromStatus)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TestInfrastructure.SendAsync(restartedClient, HttpMethod.Get, "/status/api/envelopes", fromPrint)).StatusCode);
        // Neither created a key of its own.
        Assert.Equal(keys, await infra.ScalarAsync<long>("SELECT count(*) FROM data_protection_key"));
    }

    [Fact]
    public async Task EmptyKeyRing_TwoFunctionsStartedTogether_AcceptEachOthersCookies_AlsoAfterARestart()
    {
        // Without the key `hv migrate` creates, each function may create a key of its own.
        await infra.ScalarAsync<object>("WITH gone AS (DELETE FROM data_protection_key RETURNING 1) SELECT count(*) FROM gone");
        var (_, voterKey) = await infra.NewVoterAsync();
        var starting = (First: Task.Run(() => Started(infra.Function<StatusService>())), Second: Task.Run(() => Started(infra.Function<StatusService>())));
        var first = await starting.First;
        var second = await starting.Second;
        var cookies = await Task.WhenAll(Task.Run(() => TestInfrastructure.SessionCookie(first, voterKey)), Task.Run(() => TestInfrastructure.SessionCookie(second, voterKey)));
        using var firstClient = TestInfrastructure.Client(first);
        using var secondClient = TestInfrastructure.Client(second);
        foreach (string cookie in cookies)
        {
            Assert.Equal(HttpStatusCode.OK, (await TestInfrastructure.SendAsync(firstClient, HttpMethod.Get, "/status/api/envelopes", cookie)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await TestInfrastructure.SendAsync(secondClient, HttpMethod.Get, "/status/api/envelopes", cookie)).StatusCode);
        }

        first.Dispose();
        using var restarted = infra.Function<StatusService>();
        using var restartedClient = TestInfrastructure.Client(restarted);
        foreach (string cookie in cookies)
        {
            Assert.Equal(HttpStatusCode.OK, (await TestInfrastructure.SendAsync(restartedClient, HttpMethod.Get, "/status/api/envelopes", cookie)).StatusCode);
        }
    }

    [Fact]
    public async Task AKeyCreatedByAnotherReplica_IsLoadedWhenItsFirstCookieArrives()
    {
        var (_, voterKey) = await infra.NewVoterAsync();
        using var status = infra.Function<StatusService>();
        using var statusClient = TestInfrastructure.Client(status);
        // This replica has loaded the ring (its own cookie works)…
        Assert.Equal(HttpStatusCode.OK, (await TestInfrastructure.SendAsync(statusClient, HttpMethod.Get, "/status/api/envelopes", TestInfrastructure.SessionCookie(status, voterKey))).StatusCode);
        // …and has run for more than two minutes: Data Protection itself reloads the ring for an
        // unknown key only in a replica's first two minutes (aspnet/AspNetCore#3975); after that, only
        // KeyRingRefresh does. The framework's window is ended here instead of waiting for it.
        var ring = status.Services.GetRequiredService<IKeyRingProvider>();
        var window = ring.GetType().GetProperty("AutoRefreshWindowEnd", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);
        Assert.NotNull(window);
        window.SetValue(ring, DateTime.UtcNow.AddSeconds(-1));

        // …then another replica creates a newer key, and a function started after it protects with it.
        Guid newKey;
        using (var other = new ServiceCollection().AddLogging().AddSingleton(infra.Db).AddSingleton(infra.Keys).AddSessionKeyRing().BuildServiceProvider())
        {
            var now = DateTimeOffset.UtcNow;
            newKey = other.GetRequiredService<IKeyManager>().CreateNewKey(now, now.AddDays(90)).KeyId;
        }

        using var print = infra.Function<KCodeService>();
        string withNewKey = TestInfrastructure.SessionCookie(print, voterKey);
        Assert.Equal(newKey, print.Services.GetRequiredService<IKeyRingProvider>().GetCurrentKeyRing().DefaultKeyId);
        Assert.Null(status.Services.GetRequiredService<IKeyRingProvider>()
            .GetCurrentKeyRing().GetAuthenticatedEncryptorByKeyId(newKey, out _));
        Assert.Equal(HttpStatusCode.OK, (await TestInfrastructure.SendAsync(statusClient, HttpMethod.Get, "/status/api/envelopes", withNewKey)).StatusCode);
    }

    private static WebApplicationFactory<T> Started<T>(WebApplicationFactory<T> factory)
        where T : class
    {
        _ = factory.Server;
        return factory;
    }

    [Fact]
    public async Task Metrics_NeverShowTheConnectionString()
    {
        using var client = TestInfrastructure.OperationsClient(infra.Function<StatusService>());
        await client.GetAsync("/readyz");
        string metrics = await client.GetStringAsync("/metrics");
        // The driver labels its pool metrics with the data source's name, and with the whole
        // connection string when it has none. (This test process's own unnamed pools share the
        // process-wide meters, so the test looks for the function's name, not for "Host=".)
        Assert.Contains("pool_name=\"hybridvote\"", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", metrics, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task EveryAnswer_CarriesTheSecurityHeaders_AndHstsOverHttps()
    {
        using var client = TestInfrastructure.Client(infra.Function<HomeService>());
        foreach (string path in new[] { "/", "/no/such/page", "/assets/site.css" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal("max-age=63072000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Cross-Origin-Opener-Policy").Single());
        }
    }

    [Theory]
    [InlineData("key\u001b[2J", "key\\u001B[2J")]
    [InlineData("a\u202Eb", "a\\u202Eb")]
    [InlineData("plain-key_1", "plain-key_1")]
    public void ScannerText_OnTheOperatorsTerminal_IsEscaped(string raw, string shown) =>
        Assert.Equal(shown, HybridVote.Cli.Terminal.Safe(raw));

    private static Task<HttpResponseMessage> Post(HttpClient client, object receipt)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/intake/receipt") { Content = JsonContent.Create(receipt) };
        request.Headers.Add(BureauAuthentication.Header, TestInfrastructure.BwBureauKey);
        return client.SendAsync(request);
    }

    private sealed class DumpedRing(IReadOnlyList<string> rows) : IXmlRepository
    {
        public IReadOnlyCollection<System.Xml.Linq.XElement> GetAllElements() => rows.Select(System.Xml.Linq.XElement.Parse).ToList();

        public void StoreElement(System.Xml.Linq.XElement element, string friendlyName)
        {
        }
    }
}
