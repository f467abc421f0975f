using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HybridVote.Domain;
using HybridVote.IsolatedWorker;
using HybridVote.Scheduled.Isolated;
using HybridVote.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HybridVote.Integration.Tests;

/// <summary>
/// The isolated-worker host of every HTTP function (isolated/…): the functions.metadata the worker
/// SDK generated lists exactly the routes and methods of the function's ASP.NET Core route table,
/// and every [Function] method, invoked with a real HttpContext against PostgreSQL and Redis,
/// answers as the endpoint does on Kestrel's side (WebApplicationFactory). The timer functions run
/// the retention purge and the audit check.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed partial class IsolatedWorkerTests(TestInfrastructure infra)
{
    /// <summary>Every HTTP function's application builder and its isolated-worker triggers.</summary>
    public static TheoryData<string> HttpFunctions => [.. Apps.Keys];

    private static readonly Dictionary<string, (Func<WebApplicationBuilder, WebApplication> Build, Type Triggers)> Apps = new()
    {
        ["VoterHome"] = (VoterHome.VoterHomeApplication.Build, typeof(VoterHome.Isolated.VoterHomeFunctions)),
        ["LoginCallback"] = (LoginCallback.LoginCallbackApplication.Build, typeof(LoginCallback.Isolated.LoginCallbackFunctions)),
        ["KCodeIssue"] = (KCodeIssue.KCodeIssueApplication.Build, typeof(KCodeIssue.Isolated.KCodeIssueFunctions)),
        ["BallotRender"] = (BallotRender.BallotRenderApplication.Build, typeof(BallotRender.Isolated.BallotRenderFunctions)),
        ["StatusQuery"] = (StatusQuery.StatusQueryApplication.Build, typeof(StatusQuery.Isolated.StatusQueryFunctions)),
        ["EnvelopeIntake"] = (EnvelopeIntake.EnvelopeIntakeApplication.Build, typeof(EnvelopeIntake.Isolated.EnvelopeIntakeFunctions)),
        ["BallotRegistration"] = (BallotRegistration.BallotRegistrationApplication.Build, typeof(BallotRegistration.Isolated.BallotRegistrationFunctions)),
        ["ReceptionStation"] = (ReceptionStation.ReceptionStationApplication.Build, typeof(ReceptionStation.Isolated.ReceptionStationFunctions)),
        ["CountingStation"] = (CountingStation.CountingStationApplication.Build, typeof(CountingStation.Isolated.CountingStationFunctions)),
    };

    [Fact]
    public void EveryHttpFunctionOfTheCatalogue_HasAnIsolatedWorkerApp()
    {
        var http = Hosting.FunctionCatalogue.All.Where(f => f.Prefix is not null).Select(f => f.Name).Order();
        Assert.Equal(http, Apps.Keys.Order());
        var folders = Directory.GetDirectories(Path.Combine(Root, "isolated")).Select(Path.GetFileName).Where(n => n != "Scheduled").Order();
        Assert.Equal(http, folders!);
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public async Task FunctionsMetadata_ListsExactlyTheRoutesAndMethodsOfTheRouteTable(string function)
    {
        await using var app = await StartAsync(function);
        var table = RouteTable(app.Services);
        var metadata = Metadata(function);
        Assert.Equal(table.Select(Line).Order(StringComparer.Ordinal), metadata.Select(Line).Order(StringComparer.Ordinal));

        // The methods on the classes are what the SDK read: each names its route and methods once.
        var triggers = Triggers(Apps[function].Triggers).Select(t => (t.Route, t.Methods)).ToList();
        Assert.Equal(metadata.Select(Line).Order(StringComparer.Ordinal), triggers.Select(Line).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void MetadataCheck_FailsOnDrift()
    {
        var table = new List<(string Route, string[] Methods)> { ("status", ["GET", "POST"]), ("status/api/ballot", ["POST"]) };
        var drifted = new List<(string Route, string[] Methods)> { ("status", ["GET"]), ("status/api/ballot", ["POST"]) };
        Assert.NotEqual(table.Select(Line).Order(), drifted.Select(Line).Order());
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public async Task EveryTrigger_AnswersAsTheEndpoint(string function)
    {
        var (build, triggerType) = Apps[function];
        await using var app = await StartAsync(function);
        // The endpoint's host ends with the test: the suite's hosts together stay below PostgreSQL's connection limit.
        var (factory, client, cookies) = Endpoint(build);
        using var endpointHost = factory;
        object triggers = Activator.CreateInstance(triggerType, app)!;
        // Each side gets a voter of its own who has not printed yet, so that a print (which changes
        // what the next answer says) is the first on both sides.
        var (_, endpointVoter) = await infra.NewVoterAsync();
        var (_, triggerVoter) = await infra.NewVoterAsync();
        // A president of a bureau and an organiser of an election being counted: they read the staff
        // pages (their forms change the count, so the two answers of a POST would differ).
        var counted = await infra.NewCountingElectionAsync();
        byte[] president = await infra.NewStaffAsync(StaffRole.President, counted.Main, counted.ElectionId);
        byte[] organiser = await infra.NewStaffAsync(StaffRole.Organiser, null, counted.ElectionId);
        Func<string, string> open = Sample(TestInfrastructure.OpenElection, "BW-001");
        var presidentSession = cookies(Hosting.StaffSession.ToPrincipal(president, "Rania", Language.Nl));
        var organiserSession = cookies(Hosting.StaffSession.ToPrincipal(organiser, "Anke", Language.De));
        var callers = new (string Name, (string Cookies, string Token)? Endpoint, (string Cookies, string Token)? Trigger, Func<string, string> Sample, bool GetOnly)[]
        {
            ("visitor", null, null, open, false),
            ("voter", cookies(TestInfrastructure.FormSessionPrincipal(endpointVoter)), cookies(TestInfrastructure.FormSessionPrincipal(triggerVoter)), open, false),
            ("president", presidentSession, presidentSession, Sample(counted.ElectionId, counted.Main), true),
            ("organiser", organiserSession, organiserSession, Sample(counted.ElectionId, counted.Main), true),
        };

        var answered = new List<(string Caller, string Request, int Status)>();
        foreach (var trigger in Triggers(triggerType))
        {
            foreach (string method in trigger.Methods.Select(m => m.ToUpperInvariant()))
            {
                foreach (var (caller, endpointSession, triggerSession, sample, getOnly) in callers.Where(c => !c.GetOnly || method == "GET"))
                {
                    string path = "/" + RouteParameter().Replace(trigger.Route, m => sample(m.Groups[1].Value));
                    var expected = await SendAsync(client, method, path, endpointSession);
                    var actual = await InvokeAsync(triggers, trigger.Method, method, path, triggerSession);
                    Assert.True(expected == actual, $"{function} {method} {path} as {caller}:\nendpoint: {expected}\ntrigger:  {actual}");
                    answered.Add((caller, $"{method} {path}", actual.Status));
                }
            }
        }

        // The pages were shown, not only refused: each caller saw one where it has one.
        string seen = string.Join(", ", answered);
        if (Hosting.FunctionCatalogue.Get(function).Kind == "voter" && function is not ("ReceptionStation" or "CountingStation"))
        {
            Assert.True(answered.Any(a => a.Caller == "voter" && a.Status is >= 200 and < 400), seen);
        }

        if (function is "ReceptionStation" or "CountingStation")
        {
            Assert.True(answered.Any(a => a.Caller == "president" && a.Status == 200), seen);
        }

        if (function is "CountingStation")
        {
            Assert.True(answered.Any(a => a.Caller == "organiser" && a.Status == 200), seen);
        }
    }

    [Fact]
    public async Task Trigger_FiredWhileTheWorkerStarts_WaitsForTheApplication()
    {
        await using var app = NewApplication("VoterHome");
        var context = Request("GET", "/assets/site.css", null, null, "text/plain");
        var early = new VoterHome.Isolated.VoterHomeFunctions(app).SiteCss(context.Request);
        Assert.False(early.IsCompleted);
        await app.StartAsync(CancellationToken.None);
        await early.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.StartsWith("text/css", context.Response.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IntakeTrigger_QueuesTheReceiptInPostgreSql_AsTheEndpointDoes()
    {
        await using var app = await StartAsync("EnvelopeIntake");
        var triggers = new EnvelopeIntake.Isolated.EnvelopeIntakeFunctions(app);
        string key = "isolated-" + Guid.NewGuid().ToString("N");
        var context = Request("POST", "/intake/receipt", null, JsonSerializer.Serialize(EnvelopeFlow.Receipt("unknown-token", key)), "application/json");
        context.Request.Headers[Hosting.BureauAuthentication.Header] = TestInfrastructure.BwBureauKey;
        await triggers.Receipt(context.Request);
        Assert.True(context.Response.StatusCode == StatusCodes.Status202Accepted, Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
        Assert.Equal(1L, await infra.ScalarAsync<long>("SELECT count(*) FROM receipt WHERE idempotency_key = $1", key));
    }

    [Fact]
    public async Task TimerTriggers_PurgeTheValidatedElection_AndCheckTheAuditChain()
    {
        var setup = await infra.NewCountingElectionAsync();
        var (_, voterKey) = await infra.NewVoterAsync("BW", setup.ElectionId);
        var store = new ElectionStore(infra.Db, new AuditLog(TimeProvider.System));
        var calendar = (await store.ElectionAsync(setup.ElectionId))!.Calendar;
        await store.SetCalendarAsync(setup.ElectionId, calendar with { ValidatedAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, "organiser:test");

        await using var provider = TestInfrastructure.CoreServices(infra.Settings());
        var scheduled = ActivatorUtilities.CreateInstance<ScheduledFunctions>(provider);

        Assert.True(await scheduled.PurgeAsync(new TimerInfo(), CancellationToken.None) >= 1);
        Assert.True(await infra.ScalarAsync<bool>("SELECT purged_at IS NOT NULL FROM election WHERE id = $1", setup.ElectionId));
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM voter WHERE voter_key = $1", voterKey));
        Assert.Equal(1L, await infra.ScalarAsync<long>("SELECT count(*) FROM audit_event WHERE action = 'purge.election' AND actor = $1 AND subject = $2", ScheduledFunctions.Actor, setup.ElectionId));
        Assert.Equal(0, await scheduled.PurgeAsync(new TimerInfo(), CancellationToken.None));
        await scheduled.AuditVerifyAsync(new TimerInfo(), CancellationToken.None);
    }

    private static string Root => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));

    private static string Line((string Route, string[] Methods) r) =>
        r.Route.Trim('/') + " " + string.Join(',', r.Methods.Select(m => m.ToUpperInvariant()).Order(StringComparer.Ordinal));

    // The public routes the application answers: its endpoints (not the operations paths, which only
    // the operations port serves) and the OpenID Connect callbacks its authentication handler answers.
    private static List<(string Route, string[] Methods)> RouteTable(IServiceProvider services)
    {
        var routes = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !Hosting.FunctionHost.OperationsPaths.Contains(e.RoutePattern.RawText))
            .GroupBy(e => e.RoutePattern.RawText!.Trim('/'))
            .Select(g => (g.Key, g.SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Distinct().ToArray()))
            .ToList();
        var schemes = services.GetRequiredService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>().GetAllSchemesAsync().GetAwaiter().GetResult();
        foreach (var scheme in schemes.Where(s => typeof(OpenIdConnectHandler).IsAssignableFrom(s.HandlerType)))
        {
            var oidc = services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(scheme.Name);
            routes.Add((oidc.CallbackPath.Value!.Trim('/'), ["GET", "POST"]));
            routes.Add((oidc.SignedOutCallbackPath.Value!.Trim('/'), ["GET"]));
        }

        return routes;
    }

    private static List<(string Route, string[] Methods)> Metadata(string function)
    {
        string config = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        string file = Path.Combine(Root, "isolated", function, "bin", config, "net10.0", "functions.metadata");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        return json.RootElement.EnumerateArray()
            .Select(f => f.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "httpTrigger"))
            .Select(b => (b.GetProperty("route").GetString()!, b.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToArray()))
            .ToList();
    }

    private static IEnumerable<(MethodInfo Method, string Route, string[] Methods)> Triggers(Type type) =>
        type.GetMethods()
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .Select(m => (m, m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(a => a is not null)!))
            .Select(t => (t.m, t.Item2.Route!, t.Item2.Methods!));

    private async Task<FunctionApplication> StartAsync(string function)
    {
        var app = NewApplication(function);
        await app.StartAsync(CancellationToken.None);
        return app;
    }

    // The function's application as its isolated worker builds it, on this database, with an operations port of its own.
    private FunctionApplication NewApplication(string function)
    {
        var settings = infra.Settings().Append(new("HybridVote:OperationsPort", LocalPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return new FunctionApplication(Apps[function].Build, [], b => b.Configuration.AddInMemoryCollection(settings!));
    }

    // The same function on the ASP.NET Core side, and how a voter's session with a form token is made there.
    private (IDisposable Host, HttpClient Client, Func<ClaimsPrincipal, (string Cookies, string Token)> Session) Endpoint(Func<WebApplicationBuilder, WebApplication> build)
    {
        var marker = build.Method.DeclaringType!.Assembly.GetExportedTypes().First(t => t.IsClass && !t.IsAbstract && !t.IsGenericType && !t.IsNested);
        var method = typeof(IsolatedWorkerTests).GetMethod(nameof(EndpointOf), BindingFlags.NonPublic | BindingFlags.Instance)!.MakeGenericMethod(marker);
        return ((IDisposable, HttpClient, Func<ClaimsPrincipal, (string, string)>))method.Invoke(this, [])!;
    }

    private (IDisposable, HttpClient, Func<ClaimsPrincipal, (string, string)>) EndpointOf<T>()
        where T : class
    {
        var factory = infra.Function<T>();
        return (factory, TestInfrastructure.Client(factory), principal => TestInfrastructure.PrincipalFormSession(factory, principal));
    }

    private static readonly string[] Volatile = ["Set-Cookie", "Date"];

    private static async Task<Answer> SendAsync(HttpClient client, string method, string path, (string Cookies, string Token)? session)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (session is { } s)
        {
            request.Headers.Add("Cookie", s.Cookies);
        }

        if (method == "POST")
        {
            request.Headers.Add("Origin", "https://localhost");
            request.Content = new StringContent(FormBody(session), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        }

        using var response = await client.SendAsync(request);
        return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), response.Headers.Location?.OriginalString,
            Normalised(await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.MediaType));
    }

    private static async Task<Answer> InvokeAsync(object triggers, MethodInfo trigger, string method, string path, (string Cookies, string Token)? session)
    {
        var context = Request(method, path, session?.Cookies, method == "POST" ? FormBody(session) : null, "application/x-www-form-urlencoded");
        await (Task)trigger.Invoke(triggers, [context.Request])!;
        var body = (MemoryStream)context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()!.Stream;
        string? location = context.Response.Headers.Location.ToString();
        return new Answer(context.Response.StatusCode, context.Response.ContentType, location.Length == 0 ? null : location,
            Normalised(body.ToArray(), context.Response.ContentType?.Split(';')[0]));
    }

    // A request as the Functions host forwards it to the worker: method, URL, headers, body.
    private static DefaultHttpContext Request(string method, string path, string? cookies, string? body, string contentType)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("localhost");
        var uri = new Uri("https://localhost" + path);
        context.Request.Path = uri.AbsolutePath;
        context.Request.QueryString = new QueryString(uri.Query);
        if (cookies is not null)
        {
            context.Request.Headers.Cookie = cookies;
        }

        if (body is not null)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Headers.Origin = "https://localhost";
            context.Request.ContentType = contentType;
            context.Request.ContentLength = bytes.Length;
            context.Request.Body = new MemoryStream(bytes);
            context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>(new HasBody());
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    private static string FormBody((string Cookies, string Token)? session) =>
        session is { } s ? "__RequestVerificationToken=" + Uri.EscapeDataString(s.Token) : string.Empty;

    // Each rendering of a form carries a fresh antiforgery token (and a scan form a fresh scan id),
    // each problem its request's trace id and each print new K-codes; everything else must be the same.
    private static string Normalised(byte[] body, string? mediaType)
    {
        if (mediaType is "application/pdf")
        {
            return $"pdf of {body.Length / 1024} KiB";
        }

        string text = FormTokenValue().Replace(Encoding.UTF8.GetString(body), "value=\"(token)\"");
        text = ScanId().Replace(text, "name=\"scanId\" value=\"(id)\"");
        text = TraceId().Replace(text, "\"traceId\":\"(trace)\"");
        return KCodeShape().Replace(text, "(K-code)");
    }

    // A route's parameters in an election and at a bureau.
    private static Func<string, string> Sample(string election, string bureau) => parameter => parameter switch
    {
        "electionId" => election,
        "contestId" => "BW",
        "languages" => "fr",
        "bureauId" => bureau,
        "code" => "nl",
        "reason" => "not-eligible",
        "file" => "results.csv",
        _ => parameter,
    };

    // Kestrel says whether a request can have a body; minimal APIs read a JSON body only then.
    private sealed class HasBody : Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    private sealed record Answer(int Status, string? ContentType, string? Location, string Body)
    {
        public override string ToString() => $"{Status} {ContentType} {Location} {(Body.Length > 300 ? Body[..300] + "…" : Body)}";
    }

    [GeneratedRegex(@"\{([A-Za-z]+)\??\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]")]
    private static partial Regex KCodeShape();

    [GeneratedRegex("\"traceId\":\"[0-9a-f-]+\"")]
    private static partial Regex TraceId();

    [GeneratedRegex("name=\"scanId\" value=\"[0-9a-f]{32}\"")]
    private static partial Regex ScanId();

    [GeneratedRegex("value=\"CfDJ8[^\"]*\"")]
    private static partial Regex FormTokenValue();
}
