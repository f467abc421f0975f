using System.Net;
using System.Text.Json;
using HybridVote.DevIdp;
using HybridVote.Domain;
using HybridVote.Storage;
using HybridVote.LoginCallback;
using HybridVote.VoterHome;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Integration.Tests;

/// <summary>
/// The real OpenID Connect flow between LoginCallback and the dev identity provider (OpenIddict),
/// in process: authorization request, login, code, token exchange over the back channel, ID token
/// checked against the provider's JWKS, then the project's own session.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class LoginCallbackTests(TestInfrastructure infra) : IDisposable
{
    private const string Issuer = "http://idp.test/";
    private readonly string directory = Directory.CreateTempSubdirectory("hv-login-").FullName;
    private readonly List<IDisposable> owned = [];

    [Fact]
    public async Task Login_EligibleVoter_GetsASessionWithoutTheNationalNumber()
    {
        var (nrn, _) = await infra.NewVoterAsync();
        var (_, cookies) = await LoginAsync(nrn, "450");
        string session = cookies.Single(c => c.StartsWith("hv_session=", StringComparison.Ordinal));
        using var client = TestInfrastructure.Client(infra.Function<HomeService>());
        string home = await GetAsync(client, "/", session);
        Assert.Contains("Bonjour Élodie", home, StringComparison.Ordinal);
        Assert.Contains("action=\"/print\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain(nrn, session, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StaffRole.ReceptionOperator, "BW-001")]
    [InlineData(StaffRole.CountingTypist, "BW-001")]
    [InlineData(StaffRole.President, "VB-001")]
    [InlineData(StaffRole.Organiser, null)]
    [InlineData(StaffRole.Auditor, null)]
    [InlineData(StaffRole.Operator, null)]
    public async Task StaffLogin_OfEachRole_OpensAStaffSessionOnTheStaffHome_WithoutTheNationalNumber(StaffRole role, string? bureau)
    {
        string nrn = NationalNumber.Compose(700202, 100 + (int)role, false);
        Assert.Null(await new StaffStore(infra.Db, new AuditLog(TimeProvider.System)).AssignAsync(infra.Pseudonyms.StaffKey(nrn), new StaffAssignment(role, TestInfrastructure.OpenElection, bureau), "test"));
        var (_, cookies) = await LoginAsync(nrn, "450", expectedLocation: "/reception", start: "/auth/staff");
        string session = cookies.Single(c => c.StartsWith("hv_session=", StringComparison.Ordinal));
        Assert.DoesNotContain(nrn, session, StringComparison.Ordinal);
        using var client = TestInfrastructure.Client(infra.Function<HybridVote.ReceptionStation.StationService>());
        var home = await TestInfrastructure.SendAsync(client, HttpMethod.Get, "/reception", session);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        string page = await home.Content.ReadAsStringAsync();
        Assert.Contains(PageTextOf(role), page, StringComparison.Ordinal);
        Assert.Equal(role.AtABureau() && role != StaffRole.CountingTypist, page.Contains($"href=\"/reception/{bureau}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StaffLogin_WithoutARole_IsRefusedWithItsPage_AndAtLevel400_AsTooWeak()
    {
        var (nrn, _) = await infra.NewVoterAsync(); // a voter, but no member of staff
        var (login, cookies) = await LoginAsync(nrn, "450", expectedLocation: "/auth/refused/no-role", start: "/auth/staff");
        Assert.DoesNotContain(cookies, c => c.StartsWith("hv_session=", StringComparison.Ordinal));
        using var client = TestInfrastructure.Client(login);
        string page = await GetAsync(client, "/auth/refused/no-role", null);
        Assert.Contains("aucun rôle", page, StringComparison.Ordinal);

        string staff = NationalNumber.Compose(700303, 101, false);
        Assert.Null(await new StaffStore(infra.Db, new AuditLog(TimeProvider.System)).AssignAsync(infra.Pseudonyms.StaffKey(staff), new StaffAssignment(StaffRole.ReceptionOperator, TestInfrastructure.OpenElection, "BW-001"), "test"));
        var (_, weak) = await LoginAsync(staff, "400", expectedLocation: "/auth/refused/weak", start: "/auth/staff");
        Assert.DoesNotContain(weak, c => c.StartsWith("hv_session=", StringComparison.Ordinal));
    }

    private static string PageTextOf(StaffRole role) => role switch
    {
        StaffRole.ReceptionOperator => "Membre du bureau de réception",
        StaffRole.CountingTypist => "Encodeur du bureau de dépouillement",
        StaffRole.President => "Président de bureau",
        StaffRole.Organiser => "Organisateur de l",
        StaffRole.Auditor => "Auditeur (lecture seule)",
        _ => "Opérateur technique",
    };

    [Fact]
    public async Task Login_VoterNotOnTheHybridList_SeesAClearPage()
    {
        var (_, cookies) = await LoginAsync(HybridVote.Domain.NationalNumber.Compose(750101, 999, false), "450");
        using var client = TestInfrastructure.Client(infra.Function<HomeService>());
        string home = await GetAsync(client, "/", cookies.Single(c => c.StartsWith("hv_session=", StringComparison.Ordinal)));
        Assert.Contains("pas inscrit pour le vote hybride", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_BelowTheRequiredAssuranceLevel_IsRefusedWithoutSession()
    {
        var (nrn, _) = await infra.NewVoterAsync();
        var (login, cookies) = await LoginAsync(nrn, "400", expectedLocation: "/auth/refused/weak");
        Assert.DoesNotContain(cookies, c => c.StartsWith("hv_session=", StringComparison.Ordinal));
        using var client = TestInfrastructure.Client(login);
        string page = await GetAsync(client, "/auth/refused/weak", null);
        Assert.Contains("pas assez sûr", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/auth/login\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500", "json", "/")]
    [InlineData("500", "jwt", "/")]
    [InlineData("400", "json", "/auth/refused/weak")]
    public async Task Login_FasShapeOf2019_LevelInAmr_IdentityOnlyFromUserInfo(string level, string userInfo, string expected)
    {
        // acr "0", the level in amr, egovNRN and the names only in userinfo (plain JSON or a signed JWT).
        var (nrn, _) = await infra.NewVoterAsync();
        var (_, cookies) = await LoginAsync(nrn, level, expected, new Dictionary<string, string> { ["DevIdp:Shape"] = "fas-2019", ["DevIdp:UserInfo"] = userInfo });
        if (expected == "/")
        {
            using var client = TestInfrastructure.Client(infra.Function<HomeService>());
            Assert.Contains("Bonjour Élodie", await GetAsync(client, "/", cookies.Single(c => c.StartsWith("hv_session=", StringComparison.Ordinal))), StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain(cookies, c => c.StartsWith("hv_session=", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Login_WithoutAValidNationalNumber_IsRefusedWithItsOwnPage()
    {
        var (login, cookies) = await LoginAsync("12345678901", "450", "/auth/refused/no-identity");
        Assert.DoesNotContain(cookies, c => c.StartsWith("hv_session=", StringComparison.Ordinal));
        using var client = TestInfrastructure.Client(login);
        string page = await GetAsync(client, "/auth/refused/no-identity", "hv_lang=nl");
        Assert.Contains("rijksregisternummer niet doorgegeven", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/auth/login\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "a refusé ou interrompu")]
    [InlineData("nl", "geweigerd of onderbroken")]
    [InlineData("de", "abgelehnt oder unterbrochen")]
    public async Task ProviderRefusal_IsA503PageInTheVisitorsLanguage_WithAWayBack(string language, string text)
    {
        using var client = TestInfrastructure.Client(infra.Function<LoginService>());
        var answer = await TestInfrastructure.SendAsync(client, HttpMethod.Get, "/auth/refused/provider", "hv_lang=" + language);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        string page = await answer.Content.ReadAsStringAsync();
        Assert.Contains(text, page, StringComparison.Ordinal);
        Assert.Contains("href=\"/auth/login\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithAUserInfoJwtNotSignedByTheProvider_IsRefused()
    {
        var (nrn, _) = await infra.NewVoterAsync();
        var (_, cookies) = await LoginAsync(nrn, "450", "/auth/refused/failed", new Dictionary<string, string> { ["DevIdp:Shape"] = "fas-2019", ["DevIdp:UserInfo"] = "forged-jwt" });
        Assert.DoesNotContain(cookies, c => c.StartsWith("hv_session=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "0" }, new[] { "urn:be:fedict:iam:fas:Level500" }, 500)]
    [InlineData(new[] { "urn:be:fedict:iam:fas:Level450" }, new[] { "urn:be:fedict:iam:fas:Level400" }, 450)]
    [InlineData(new[] { "evil:Level999" }, new[] { "urn:be:fedict:iam:fas:Level9x" }, 0)]
    [InlineData(new string[0], new[] { "pwd", "urn:be:fedict:iam:fas:Level400" }, 400)]
    public void AssuranceLevel_IsTheHighestFasLevelInAcrOrAmr_OtherNamespacesCountForNothing(string[] acr, string[] amr, int level)
    {
        var identity = new System.Security.Claims.ClaimsIdentity(acr.Select(v => new System.Security.Claims.Claim("acr", v))
            .Concat(amr.Select(v => new System.Security.Claims.Claim("amr", v))));
        Assert.Equal(level, FasClaims.Level(new System.Security.Claims.ClaimsPrincipal(identity), ["acr", "amr"]));
    }

    [Theory]
    [InlineData("private_key_jwt", new[] { "client_secret_basic", "private_key_jwt" }, true)]
    [InlineData("client_secret_post", new[] { "client_secret_basic", "private_key_jwt" }, false)]
    [InlineData("client_secret_basic", new string[0], true)] // none listed: client_secret_basic only
    [InlineData("client_secret_post", new string[0], false)]
    public void ClientAuthentication_IsCheckedAgainstTheDiscoveryDocument(string method, string[] advertised, bool accepted)
    {
        var configuration = new Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration();
        foreach (string m in advertised)
        {
            configuration.TokenEndpointAuthMethodsSupported.Add(m);
        }

        var auth = new ClientAuthentication(Microsoft.Extensions.Options.Options.Create(new FasOptions { ClientAuthentication = method }));
        Assert.Equal(accepted, auth.Unsupported(configuration) is null);
    }

    [Fact]
    public async Task Login_WithAClientAuthenticationTheProviderDoesNotAccept_ShowsTheProviderPage_AndNeverReachesIt()
    {
        // The provider accepts the secret methods only; this client is set up for private_key_jwt.
        string keyFile = Path.Combine(directory, "client-key.pem");
        using (var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256))
        {
            await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
        }

        var (nrn, _) = await infra.NewVoterAsync();
        var (login, _) = await LoginFunctionAsync(nrn, new Dictionary<string, string> { ["DevIdp:ClientAuthenticationMethods"] = "client_secret_basic client_secret_post" },
            new Dictionary<string, string> { ["Fas:ClientAuthentication"] = "private_key_jwt", ["Fas:ClientKeyFile"] = keyFile });
        using var app = TestInfrastructure.Client(login);
        var challenge = await app.GetAsync("/auth/login");
        Assert.Equal("/auth/refused/provider", challenge.Headers.Location?.ToString());
    }

    [Fact]
    public void Start_WithoutTheClientSecretFile_FailsAndSaysWhy()
    {
        // The test host sometimes reports the failed start as its own disposal (ObjectDisposedException,
        // a race inside the in-process test server) instead of the start's exception: a fresh host
        // is then started again, and the reason must be told by one of at most three starts.
        var reasons = new List<string>();
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var login = infra.Function<LoginService>(settings: new Dictionary<string, string> { ["Fas:ClientSecretFile"] = Path.Combine(directory, "missing-secret") });
            var e = Assert.ThrowsAny<Exception>(() => login.CreateClient());
            reasons.Add(e.ToString());
            if (e is not ObjectDisposedException)
            {
                break;
            }
        }

        Assert.Contains("Fas:ClientSecretFile", reasons[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_EndsTheSession_OnAPageInTheVisitorsLanguage()
    {
        using var client = TestInfrastructure.Client(infra.Function<LoginService>());
        var logout = await TestInfrastructure.SendAsync(client, HttpMethod.Post, "/auth/logout", "hv_lang=de");
        Assert.Equal("/auth/logged-out", logout.Headers.Location?.ToString());
        string page = await GetAsync(client, "/auth/logged-out", "hv_lang=de");
        Assert.Contains("<html lang=\"de\"", page, StringComparison.Ordinal);
        Assert.Contains("Sie sind abgemeldet", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_WithoutSession_OffersLogin_LanguageSwitchSetsACookie()
    {
        using var client = TestInfrastructure.Client(infra.Function<HomeService>());
        Assert.Contains("href=\"/auth/login\"", await GetAsync(client, "/", null), StringComparison.Ordinal);
        var response = await client.GetAsync("/lang/nl?r=/status");
        Assert.Equal("/status", response.Headers.Location?.ToString());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hv_lang=nl", StringComparison.Ordinal));
        Assert.Equal("/", (await client.GetAsync("/lang/de?r=//evil.example")).Headers.Location?.ToString());
        Assert.Equal("/", (await client.GetAsync("/lang/de?r=/\\evil.example")).Headers.Location?.ToString());
        Assert.Equal("text/css", (await client.GetAsync("/assets/site.css")).Content.Headers.ContentType?.MediaType);
    }

    public void Dispose()
    {
        owned.ForEach(o => o.Dispose());
        Directory.Delete(directory, recursive: true);
    }

    // The dev provider in process, and LoginCallback using it over the back channel.
    private async Task<(WebApplicationFactory<LoginService> Login, WebApplicationFactory<DemoAccounts> Provider)> LoginFunctionAsync(string nrn, IReadOnlyDictionary<string, string>? provider = null,
        IReadOnlyDictionary<string, string>? client = null)
    {
        string secretFile = Path.Combine(directory, "client-secret");
        await File.WriteAllTextAsync(secretFile, "dev-client-secret-0123456789");
        string accountsFile = Path.Combine(directory, "accounts.json");
        await File.WriteAllTextAsync(accountsFile, JsonSerializer.Serialize(new[] { new DemoAccount("demo", nrn, "Élodie", "Ćosić-D'Hondt", "fr", false) }));
        var idp = new WebApplicationFactory<DemoAccounts>().WithWebHostBuilder(b =>
        {
            b.UseSetting("DevIdp:Issuer", Issuer);
            b.UseSetting("DevIdp:AccountsFile", accountsFile);
            b.UseSetting("DevIdp:ClientSecretFile", secretFile);
            b.UseSetting("DevIdp:RedirectUris", "https://localhost/auth/callback");
            foreach (var (name, value) in provider ?? new Dictionary<string, string>())
            {
                b.UseSetting(name, value);
            }
        });
        owned.Add(idp);
        // Started here, once: LoginCallback reads the provider's metadata while it starts (ProviderCheck),
        // and a factory started from two threads at once would build two providers.
        _ = idp.Server;
        var settings = new Dictionary<string, string>(client ?? new Dictionary<string, string>()) { ["Fas:Authority"] = Issuer, ["Fas:ClientSecretFile"] = secretFile };
        var login = infra.Function<LoginService>(services: s => s.Configure<OpenIdConnectOptions>(LoginSetup.Scheme, o => o.BackchannelHttpHandler = idp.Server.CreateHandler()),
            settings: settings);
        owned.Add(login);
        return (login, idp);
    }

    private async Task<(WebApplicationFactory<LoginService> Login, List<string> Cookies)> LoginAsync(string nrn, string level, string expectedLocation = "/",
        IReadOnlyDictionary<string, string>? provider = null, string start = "/auth/login")
    {
        var (login, idp) = await LoginFunctionAsync(nrn, provider);
        using var app = TestInfrastructure.Client(login);
        using var browser = idp.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(Issuer), AllowAutoRedirect = false, HandleCookies = true });

        var challenge = await app.GetAsync(start);
        var appCookies = Cookies(challenge);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(Issuer + "authorize", authorize.ToString(), StringComparison.Ordinal);
        Assert.Contains("code_challenge=", authorize.Query, StringComparison.Ordinal);
        Assert.Contains("acr_values=urn", authorize.Query, StringComparison.Ordinal);

        Assert.Contains("prompt=login", authorize.Query, StringComparison.Ordinal);
        var toLogin = await browser.GetAsync(authorize.PathAndQuery);
        var returnUrl = System.Web.HttpUtility.ParseQueryString(toLogin.Headers.Location!.Query)["ReturnUrl"]!;
        var loggedIn = await browser.PostAsync("/login", new FormUrlEncodedContent([new("login", "demo"), new("level", level), new("returnUrl", returnUrl)]));
        var callback = (await browser.GetAsync(loggedIn.Headers.Location!.ToString())).Headers.Location!;
        Assert.StartsWith("https://localhost/auth/callback?code=", callback.ToString(), StringComparison.Ordinal);

        var done = await TestInfrastructure.SendAsync(app, HttpMethod.Get, callback.PathAndQuery, string.Join("; ", appCookies));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(expectedLocation, done.Headers.Location?.ToString());
        return (login, Cookies(done));
    }

    private static List<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]).ToList() : [];

    private static async Task<string> GetAsync(HttpClient client, string path, string? cookie) =>
        await (await TestInfrastructure.SendAsync(client, HttpMethod.Get, path, cookie)).Content.ReadAsStringAsync();
}
