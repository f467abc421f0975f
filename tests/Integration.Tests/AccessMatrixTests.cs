using System.Net;
using System.Reflection;
using System.Text;
using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Integration.Tests;

/// <summary>
/// Role × endpoint matrix (FR011, SEC014): every route of every function of the catalogue, read from
/// the running apps' route tables, requested as each kind of caller — anonymous, a voter, a scanner
/// device, a counting device, and each staff role — and each answer must be what the matrix says:
/// allowed, or refused (401, 403, 404, or a redirect to log in). A route without a matrix entry fails.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class AccessMatrixTests(TestInfrastructure infra)
{
    private const string Anonymous = "anonymous", Voter = "voter", Scanner = "scanner", Counter = "counting-device";

    private static readonly string[] Everyone = [Anonymous, Voter, Scanner, Counter, .. StaffRules.All.Select(r => r.Code())];
    private static readonly string[] AnyStaff = [.. StaffRules.All.Select(r => r.Code())];
    private static readonly string[] ReceptionAtBw001 = [StaffRole.ReceptionOperator.Code(), StaffRole.President.Code()];

    // Who may use each route ("METHOD template"). A scanner or counting device is also a browser
    // without a session: public pages are open to it like to anyone.
    private static readonly Dictionary<string, string[]> Matrix = new(StringComparer.Ordinal)
    {
        ["GET /"] = Everyone,
        ["GET /assets/site.css"] = Everyone,
        ["GET /lang/{code}"] = Everyone,
        ["GET /auth/login"] = Everyone,
        ["GET /auth/staff"] = Everyone,
        ["POST /auth/logout"] = Everyone,
        ["GET /auth/logged-out"] = Everyone,
        ["GET /auth/refused/{reason}"] = Everyone,
        ["POST /print"] = [Voter],
        ["GET /print"] = [Voter],
        ["POST /print/api"] = [Voter],
        ["GET /ballots/ballot/{electionId}"] = [Voter],
        ["GET /ballots/label/{electionId}"] = [Voter],
        ["GET /ballots/instructions/{electionId}"] = [Voter],
        ["GET /ballots/lists/{electionId}"] = [Voter],
        ["GET /ballots/blank/{electionId}/{contestId}/{languages}"] = Everyone,
        ["GET /status/"] = [Voter],
        ["POST /status/"] = [Voter],
        ["GET /status/api/envelopes"] = [Voter],
        ["POST /status/api/ballot"] = [Voter],
        ["POST /intake/receipt"] = [Scanner],
        ["POST /intake/receipts"] = [Scanner],
        ["POST /registration/ballots"] = [Counter],
        ["GET /reception"] = AnyStaff,
        ["GET /reception/{bureauId}"] = ReceptionAtBw001,
        ["POST /reception/{bureauId}/scan"] = ReceptionAtBw001,
        ["GET /reception/{bureauId}/report.pdf"] = ReceptionAtBw001,
        ["POST /reception/{bureauId}/close"] = [StaffRole.President.Code()],
        ["GET /counting/{bureauId}"] = [StaffRole.CountingTypist.Code(), StaffRole.President.Code()],
        ["POST /counting/{bureauId}/entry"] = [StaffRole.CountingTypist.Code()],
        ["POST /counting/{bureauId}/decide"] = [StaffRole.President.Code()],
        ["POST /counting/{bureauId}/lock"] = [StaffRole.President.Code()],
        ["POST /counting/{bureauId}/copy"] = [StaffRole.President.Code()],
        ["POST /counting/{bureauId}/reopen"] = [StaffRole.President.Code()],
        // BW-001 is the main bureau of Brabant wallon: its president is the constituency's.
        ["POST /counting/{bureauId}/unlock"] = [StaffRole.President.Code()],
        ["GET /counting"] = [StaffRole.Organiser.Code(), StaffRole.Auditor.Code()],
        ["GET /counting/progress.csv"] = [StaffRole.Organiser.Code(), StaffRole.Auditor.Code()],
        ["GET /counting/results"] = [StaffRole.Organiser.Code(), StaffRole.Auditor.Code()],
        ["GET /counting/results/{electionId}/{contestId}/{file}"] = [StaffRole.Organiser.Code(), StaffRole.Auditor.Code()],
    };

    private static readonly Dictionary<string, string> PathValues = new(StringComparer.Ordinal)
    {
        ["{code}"] = "nl?r=/status", ["{reason}"] = "weak", ["{electionId}"] = "T1", ["{contestId}"] = "BW", ["{languages}"] = "fr", ["{bureauId}"] = "BW-001", ["{file}"] = "BW.csv",
    };

    [Fact]
    public async Task EveryRouteOfEveryFunction_AnswersEachCallerAsTheMatrixSays()
    {
        var (_, voterKey) = await infra.NewVoterAsync();
        var staff = new Dictionary<string, byte[]>();
        var store = new StaffStore(infra.Db, new AuditLog(TimeProvider.System));
        foreach (var role in StaffRules.All)
        {
            byte[] key = infra.Pseudonyms.StaffKey(NationalNumber.Compose(680101, 100 + (int)role, false));
            Assert.Null(await store.AssignAsync(key, new StaffAssignment(role, TestInfrastructure.OpenElection, role.AtABureau() ? "BW-001" : null), "test"));
            staff[role.Code()] = key;
        }

        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var function in FunctionCatalogue.All.Where(f => f.Prefix is not null))
        {
            var running = Start(function.Name);
            foreach (var (template, methods) in Routes(running.Services))
            {
                foreach (string method in methods)
                {
                    string route = $"{method} {template}";
                    seen.Add(route);
                    if (!Matrix.TryGetValue(route, out var allowed))
                    {
                        failures.Add($"{function.Name}: {route} has no entry in the access matrix");
                        continue;
                    }

                    foreach (string caller in Everyone)
                    {
                        var (cookie, token) = caller switch
                        {
                            Voter => running.Session(TestInfrastructure.FormSessionPrincipal(voterKey)),
                            Anonymous or Scanner or Counter => running.Session(null),
                            _ => running.Session(StaffSession.ToPrincipal(staff[caller], "Test", Language.Fr)),
                        };
                        var status = await SendAsync(running.Client, method, Fill(template), caller, cookie, token);
                        // Refused: 401, 403, 404 (a session that holds nothing there, e.g. no voter key
                        // for a ballot PDF), or a redirect to the home page that offers to log in.
                        bool refused = status.Code is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                            || (status.Code is HttpStatusCode.Redirect && status.Location is "/" or "/auth/login");
                        if (refused == allowed.Contains(caller))
                        {
                            failures.Add($"{route} as {caller}: {(int)status.Code}{(status.Location is null ? string.Empty : " → " + status.Location)}, expected {(refused ? "allowed" : "refused")}");
                        }
                    }
                }
            }
        }

        failures.AddRange(Matrix.Keys.Where(k => !seen.Contains(k)).Select(k => $"{k} is in the matrix but no function maps it"));
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static string Fill(string template) => Fill(template, PathValues);

    /// <summary>A route template with its parameters filled from <paramref name="values"/>.</summary>
    internal static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        values.Aggregate(template, (path, p) => path.Replace(p.Key, p.Value, StringComparison.Ordinal));

    /// <summary>The routes of a running function: template and methods (operations endpoints left out).</summary>
    internal static List<(string Template, string[] Methods)> Routes(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => ("/" + e.RoutePattern.RawText!.TrimStart('/'), e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToArray() ?? ["GET"]))
            .Where(r => r.Item1 is not "/metrics" and not "/healthz" and not "/readyz")];

    private static async Task<(HttpStatusCode Code, string? Location)> SendAsync(HttpClient client, string method, string path, string caller, string? cookie, string token)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            // A form with its token for the pages, a JSON body for the APIs: each request gets past
            // the checks that come before authorization, so the answer is about the caller.
            request.Content = path.Contains("/api", StringComparison.Ordinal) || path.StartsWith("/intake", StringComparison.Ordinal) || path.StartsWith("/registration", StringComparison.Ordinal)
                ? new StringContent("""{"kCode":"0000-0000-0000-0000-0","receipts":[{"labelToken":"AAAAA","scannedAt":"2026-01-01T00:00:00Z","idempotencyKey":"matrix"}],"ballots":[{"kCode":"0000-0000-0000-0000-0","classification":"valid"}]}""", Encoding.UTF8, "application/json")
                : new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("labelToken", "NOT-A-LABEL"), new("scanId", Guid.NewGuid().ToString("N")), new("kcode", "x")]);
            request.Headers.Add("Origin", "https://localhost");
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        request.Headers.Add("Accept", "text/html");
        if (caller is Scanner or Counter)
        {
            request.Headers.Add(BureauAuthentication.Header, caller == Scanner ? TestInfrastructure.BwBureauKey : TestInfrastructure.BwCountingKey);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Headers.Location?.OriginalString);
    }

    private RunningFunction Start(string name) => Start(infra, name);

    /// <summary>A function by its catalogue name (its entry point is the Program of HybridVote.&lt;name&gt;), with its services configured by <paramref name="services"/>.</summary>
    internal static RunningFunction Start(TestInfrastructure infra, string name, Action<IServiceCollection>? services = null)
    {
        var entry = Type.GetType($"Program, HybridVote.{name}", throwOnError: true)!;
        object factory = typeof(TestInfrastructure).GetMethod(nameof(TestInfrastructure.Function))!.MakeGenericMethod(entry).Invoke(infra, [null, services, null])!;
        var provider = (IServiceProvider)factory.GetType().GetProperty("Services")!.GetValue(factory)!;
        var client = (HttpClient)typeof(TestInfrastructure).GetMethod(nameof(TestInfrastructure.Client))!.MakeGenericMethod(entry).Invoke(null, [factory])!;
        var operations = (HttpClient)typeof(TestInfrastructure).GetMethod(nameof(TestInfrastructure.OperationsClient))!.MakeGenericMethod(entry).Invoke(null, [factory])!;
        var session = typeof(TestInfrastructure).GetMethod(nameof(TestInfrastructure.PrincipalFormSession))!.MakeGenericMethod(entry);
        return new RunningFunction(provider, client, principal => ((string, string))session.Invoke(null, [factory, principal])!, operations);
    }

    /// <summary>A running function: its services, a client, a way to make a session with its form token, and its operations port.</summary>
    internal sealed record RunningFunction(IServiceProvider Services, HttpClient Client, Func<System.Security.Claims.ClaimsPrincipal?, (string Cookies, string Token)> Session,
        HttpClient? Operations = null);
}
