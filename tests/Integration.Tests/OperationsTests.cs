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
    public static TheoryData<string> Functions => ["VoterHome", "LoginCallback", "KCodeIssue", "BallotRender", "StatusQuery", "EnvelopeIntake", "BallotRegistration", "EnvelopeIngest"];

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task EveryFunction_ServesHealthReadinessAndMetrics_OnItsOperationsPortOnly(string function)
    {
        var (client, publicPort) = function switch
        {
            "VoterHome" => Both(infra.Function<HybridVote.VoterHome.HomeService>()),
            "LoginCallback" => Both(infra.Function<HybridVote.LoginCallback.LoginService>()),
            "KCodeIssue" => Both(infra.Function<KCodeService>()),
            "BallotRender" => Both(infra.Function<BallotService>()),
            "StatusQuery" => Both(infra.Function<StatusService>()),
            "EnvelopeIntake" => Both(infra.Function<IntakeLimitOptions>()),
            "BallotRegistration" => Both(infra.Function<RegistrationService>()),
            _ => Both(EnvelopeFlow.IngestWithoutWorker(infra)),
        };
        using (client)
        using (publicPort)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
            var metrics = await client.GetStringAsync("/metrics");
            Assert.Contains("hv_", metrics, StringComparison.Ordinal);
            var response = await client.GetAsync("/healthz");
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

            // On the public port (where the ingress and the gateway route) they do not exist, and the
            // operations port serves nothing else.
            foreach (string path in HybridVote.Hosting.FunctionHost.OperationsPaths)
            {
                Assert.Equal(HttpStatusCode.NotFound, (await publicPort.GetAsync(path)).StatusCode);
            }

            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/status")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/")).StatusCode);
        }
    }

    private static (HttpClient Operations, HttpClient Public) Both<T>(WebApplicationFactory<T> factory)
        where T : class => (TestInfrastructure.OperationsClient(factory), TestInfrastructure.Client(factory));

    [Fact]
    public async Task Readiness_WithoutPostgreSql_Is503()
    {
        var broken = infra.Function<IntakeLimitOptions>().WithWebHostBuilder(b => b.UseSetting("HybridVote:Database", "Host=127.0.0.1;Port=1;Username=postgres;Timeout=2"));
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

    [Fact]
    public async Task AuditChains_SpreadActors_AndATamperedEventIsFound()
    {
        // In a database of its own: the test disables the append-only trigger to tamper with an event.
        string database = await TestInfrastructure.CreateDatabaseAsync("hv_it_audit_" + Guid.NewGuid().ToString("N")[..12]);
        await using var db = NpgsqlDataSource.Create(database);
        await new Migrator(db).MigrateAsync();
        var audit = new AuditLog(TimeProvider.System);
        var actors = Enumerable.Range(0, 64).Select(i => $"voter:{i:x8}").ToList();
        foreach (string actor in actors.Concat(actors))
        {
            await using var conn = await db.OpenConnectionAsync();
            await using var tx = await conn.BeginTransactionAsync();
            await audit.AppendAsync(conn, tx, actor, "ballot.printed", "T1", "{}", CancellationToken.None);
            await tx.CommitAsync();
        }

        Assert.True(actors.Select(AuditLog.ChainOf).Distinct().Count() >= 8);
        Assert.Null(await AuditLog.VerifyAsync(db, CancellationToken.None));
        await using (var cmd = db.CreateCommand("""
            ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change;
            UPDATE audit_event SET subject = 'T2' WHERE id = 70;
            """))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        Assert.Equal(70L, await AuditLog.VerifyAsync(db, CancellationToken.None));
    }

    // The operations endpoints answer on the operations port only.
    private static HttpClient Client<T>(WebApplicationFactory<T> factory)
        where T : class => TestInfrastructure.OperationsClient(factory);
}
