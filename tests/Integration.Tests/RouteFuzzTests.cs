using System.Net;
using System.Text;
using HybridVote.BallotRegistration;
using HybridVote.BallotRender;
using HybridVote.Domain;
using HybridVote.EnvelopeIntake;
using HybridVote.KCodeIssue;
using HybridVote.LoginCallback;
using HybridVote.StatusQuery;
using HybridVote.VoterHome;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Integration.Tests;

/// <summary>
/// Malformed requests to every route of every function, taken from each function's own route table
/// (not a hand list): no answer may be a 5xx other than the designed 503 of an unreachable
/// dependency, none may hang, and a 4xx writes nothing (SEC004, ASVS V5).
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class RouteFuzzTests(TestInfrastructure infra)
{
    public static TheoryData<string> Functions => [.. HybridVote.Hosting.FunctionCatalogue.All.Where(f => f.Prefix is not null).Select(f => f.Name)];

    private static readonly string[] PathValues = ["x", "a%01b", "..%2F..", new string('9', 3000), "%E2%80%AE", "T1"];

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task EveryRoute_MalformedRequests_NeverA5xx_AndA4xxWritesNothing(string function)
    {
        var (factory, routes) = function switch
        {
            "VoterHome" => Routes(infra.Function<HomeService>()),
            "LoginCallback" => Routes(infra.Function<LoginService>()),
            "KCodeIssue" => Routes(infra.Function<KCodeService>()),
            "BallotRender" => Routes(infra.Function<BallotService>()),
            "StatusQuery" => Routes(infra.Function<StatusService>()),
            "EnvelopeIntake" => Routes(infra.Function<IntakeLimitOptions>()),
            "BallotRegistration" => Routes(infra.Function<RegistrationService>()),
            "ReceptionStation" => Routes(infra.Function<HybridVote.ReceptionStation.StationService>()),
            "CountingStation" => Routes(infra.Function<HybridVote.CountingStation.TallyService>()),
            _ => throw new InvalidOperationException($"{function} is in the catalogue: add it here"),
        };
        Assert.NotEmpty(routes);
        var (_, voterKey) = await infra.NewVoterAsync();
        string session = TestInfrastructure.SessionCookie(infra.Function<StatusService>(), voterKey);
        var random = new Random(20291);
        var failures = new List<string>();
        foreach (var (template, methods) in routes)
        {
            foreach (string method in methods)
            {
                foreach (string path in Paths(template))
                {
                    foreach (var (name, body) in Bodies(random))
                    {
                        long before = await WrittenAsync();
                        var response = await SendAsync(factory(), method, path, body, session);
                        int status = (int)response;
                        // 503 is the designed answer when a dependency is down (here the identity
                        // provider, which this test does not run); any other 5xx is a failure.
                        if ((status >= 500 && status != 503) || (status >= 400 && await WrittenAsync() != before))
                        {
                            failures.Add($"{method} {path[..Math.Min(path.Length, 60)]} [{name}] → {status}{(status < 500 ? " and wrote" : string.Empty)}");
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join('\n', failures.Distinct().Take(40)));
    }

    private (Func<HttpClient> Client, List<(string Template, string[] Methods)> Routes) Routes<T>(WebApplicationFactory<T> factory)
        where T : class
    {
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => ("/" + e.RoutePattern.RawText!.TrimStart('/'), e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToArray() ?? ["GET"]))
            .Where(r => r.Item1 != "/metrics")
            .ToList();
        var client = TestInfrastructure.Client(factory);
        return (() => client, routes);
    }

    private static IEnumerable<string> Paths(string template)
    {
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            yield return template;
            yield break;
        }

        foreach (string value in PathValues)
        {
            yield return System.Text.RegularExpressions.Regex.Replace(template, @"\{[^}]+\}", value);
        }
    }

    private static IEnumerable<(string Name, HttpContent? Body)> Bodies(Random random)
    {
        yield return ("no body", null);
        yield return ("truncated json", new StringContent("{\"receipts\":[{", Encoding.UTF8, "application/json"));
        yield return ("json null", new StringContent("null", Encoding.UTF8, "application/json"));
        yield return ("null items", new StringContent("{\"receipts\":[null],\"ballots\":[null]}", Encoding.UTF8, "application/json"));
        yield return ("wrong types", new StringContent("{\"receipts\":\"x\",\"ballots\":5,\"kCode\":[1]}", Encoding.UTF8, "application/json"));
        yield return ("control characters", new StringContent("{\"kCode\":\"\\u0000\\u001b\",\"receipts\":[{\"labelToken\":\"\\u0000\",\"scannedAt\":\"2026-01-01T00:00:00Z\",\"idempotencyKey\":\"\\u0000\"}]}", Encoding.UTF8, "application/json"));
        yield return ("text body", new StringContent("kcode=1234", Encoding.UTF8, "text/plain"));
        yield return ("many form fields", new FormUrlEncodedContent(Enumerable.Range(0, 2000).Select(i => new KeyValuePair<string, string>("f" + i, "v"))));
        yield return ("long form field", new FormUrlEncodedContent([new("kcode", new string('A', 200_000))]));
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        yield return ("random bytes", new ByteArrayContent(bytes) { Headers = { { "Content-Type", "application/json" } } });
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string path, HttpContent? body, string session)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body };
        // As a logged-in voter on a page of the site, and as a known bureau: the requests get past authentication.
        request.Headers.Add("Cookie", session);
        request.Headers.Add("Origin", "https://localhost");
        request.Headers.Add("Accept", "text/html");
        request.Headers.Add(HybridVote.Hosting.BureauAuthentication.Header, TestInfrastructure.BwBureauKey);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await client.SendAsync(request, timeout.Token);
        return response.StatusCode;
    }

    // Rows that a request could write: receipts, counted ballots, prints, audit events.
    private Task<long> WrittenAsync() => infra.ScalarAsync<long>("""
        SELECT (SELECT count(*) FROM receipt) + (SELECT coalesce(sum(copies), 0) FROM registered_ballot)
             + (SELECT coalesce(sum(print_count), 0) FROM envelope) + (SELECT count(*) FROM audit_event)
        """);
}
