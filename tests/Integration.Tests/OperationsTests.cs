using System.Net;
using HybridVote.BallotRegistration;
using HybridVote.BallotRender;
using HybridVote.EnvelopeIntake;
using HybridVote.KCodeIssue;
using HybridVote.Storage;
using HybridVote.StatusQuery;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace HybridVote.Integration.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class OperationsTests(TestInfrastructure infra)
{
    public static TheoryData<string> Functions => ["KCodeIssue", "BallotRender", "StatusQuery", "EnvelopeIntake", "BallotRegistration", "EnvelopeIngest"];

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task EveryFunction_ServesHealthReadinessAndMetrics(string function)
    {
        using var client = function switch
        {
            "KCodeIssue" => Client(infra.Function<KCodeService>()),
            "BallotRender" => Client(infra.Function<BallotService>()),
            "StatusQuery" => Client(infra.Function<StatusService>()),
            "EnvelopeIntake" => Client(infra.Function<IntakeService>()),
            "BallotRegistration" => Client(infra.Function<RegistrationService>()),
            _ => Client(EnvelopeFlow.IngestWithoutWorker(infra)),
        };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("hv_", metrics, StringComparison.Ordinal);
        var response = await client.GetAsync("/healthz");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Readiness_WithoutPostgreSql_Is503()
    {
        var broken = infra.Function<IntakeService>().WithWebHostBuilder(b => b.UseSetting("HybridVote:Database", "Host=127.0.0.1;Port=1;Username=postgres;Timeout=2"));
        using var client = Client(broken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task AuditTrail_IsChainedAndAppendOnly()
    {
        await infra.NewVoterAsync();
        Assert.Null(await AuditLog.VerifyAsync(infra.Db, CancellationToken.None));
        await Assert.ThrowsAsync<PostgresException>(() => infra.ScalarAsync<object>("UPDATE audit_event SET actor = 'someone else' RETURNING id"));
        await Assert.ThrowsAsync<PostgresException>(() => infra.ScalarAsync<object>("DELETE FROM audit_event RETURNING id"));
    }

    private static HttpClient Client<T>(WebApplicationFactory<T> factory)
        where T : class => TestInfrastructure.Client(factory);
}
