using System.Net;
using System.Text;
using System.Text.Json;
using HybridVote.EnvelopeIntake;
using HybridVote.Reception;

namespace HybridVote.Integration.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class EnvelopeIntakeTests(TestInfrastructure infra)
{
    [Fact]
    public async Task Receipt_UnknownBureauKey_Is401AndNothingIsStored()
    {
        using var client = TestInfrastructure.Client(infra.Function<IntakeLimitOptions>());
        string key = "unknown-" + Guid.NewGuid();
        var response = await EnvelopeFlow.PostAsync(client, "not-a-bureau-key-at-all", "/intake/receipt", EnvelopeFlow.Receipt("TOKEN", key));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("unknown-bureau", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM receipt WHERE idempotency_key = $1", key));
        Assert.Equal(HttpStatusCode.Unauthorized, (await EnvelopeFlow.PostAsync(client, null, "/intake/receipt", EnvelopeFlow.Receipt("TOKEN", key))).StatusCode);
    }

    [Fact]
    public async Task Batch_WithOneMalformedReceipt_Is400NamesItAndStoresNone()
    {
        using var client = TestInfrastructure.Client(infra.Function<IntakeLimitOptions>());
        string good = "good-" + Guid.NewGuid();
        var response = await EnvelopeFlow.PostAsync(client, TestInfrastructure.BwBureauKey, "/intake/receipts", new
        {
            receipts = new object[] { EnvelopeFlow.Receipt("TOKEN", good), new { labelToken = "", scannedAt = DateTimeOffset.UtcNow.AddDays(1), idempotencyKey = "x" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("malformed-receipt", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("receipts[1]", out _));
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM receipt WHERE idempotency_key = $1", good));
    }

    [Fact]
    public async Task StoredReceipt_CanNeitherBeChangedNorRemoved()
    {
        using var client = TestInfrastructure.Client(infra.Function<IntakeLimitOptions>());
        string key = "kept-" + Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Accepted, (await EnvelopeFlow.PostAsync(client, TestInfrastructure.BwBureauKey, "/intake/receipt", EnvelopeFlow.Receipt("KEPT-TOKEN", key))).StatusCode);
        foreach (var (change, args) in new[] { ("UPDATE receipt SET scanned_at = now() WHERE idempotency_key = $1", new object[] { key }), ("DELETE FROM receipt WHERE idempotency_key = $1", [key]), ("TRUNCATE receipt CASCADE", []) })
        {
            var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => infra.ScalarAsync<object>(change, args));
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }

        Assert.Equal(1L, await infra.ScalarAsync<long>("SELECT count(*) FROM receipt WHERE idempotency_key = $1", key));
    }

    [Theory]
    [InlineData("{\"receipts\": [", "malformed-request", "$.receipts")]
    [InlineData("{\"receipts\": []}", "malformed-receipt", "between 1 and 1000")]
    [InlineData("not json", "malformed-request", "line 1")]
    [InlineData("{\"receipts\": [{\"labelToken\": 5}]}", "malformed-request", "$.receipts[0].labelToken")]
    public async Task Batch_NotJsonOrEmpty_Is400SayingWhere(string body, string code, string names)
    {
        using var client = TestInfrastructure.Client(infra.Function<IntakeLimitOptions>());
        var request = new HttpRequestMessage(HttpMethod.Post, "/intake/receipts") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Bureau-Key", TestInfrastructure.BwBureauKey);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string problem = await response.Content.ReadAsStringAsync();
        Assert.Equal(code, JsonDocument.Parse(problem).RootElement.GetProperty("code").GetString());
        Assert.Contains(names, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receipt_RetriedWithTheSameKey_GetsTheSameAnswerAndIsQueuedOnce()
    {
        using var client = TestInfrastructure.Client(infra.Function<IntakeLimitOptions>());
        string key = "retry-" + Guid.NewGuid();
        var receipt = EnvelopeFlow.Receipt("SOME-TOKEN", key);
        var first = await EnvelopeFlow.PostAsync(client, TestInfrastructure.BwBureauKey, "/intake/receipt", receipt);
        var second = await EnvelopeFlow.PostAsync(client, TestInfrastructure.BwBureauKey, "/intake/receipt", receipt);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1L, await infra.ScalarAsync<long>("SELECT count(*) FROM receipt WHERE idempotency_key = $1", key));
        Assert.Equal(1L, await infra.ScalarAsync<long>("SELECT count(*) FROM receipt_queue q JOIN receipt r ON r.id = q.receipt_id WHERE r.idempotency_key = $1", key));
    }

    [Fact]
    public async Task Receipt_WhenPostgreSqlIsUnreachable_Is503WithRetryAfter()
    {
        var factory = infra.Function<IntakeLimitOptions>();
        var broken = factory.WithWebHostBuilder(b => b.UseSetting("HybridVote:Database", "Host=127.0.0.1;Port=1;Username=postgres;Timeout=2"));
        using var client = TestInfrastructure.Client(broken);
        // The bureau lookup itself needs the database, so the answer is 503 before anything is acknowledged.
        var response = await EnvelopeFlow.PostAsync(client, TestInfrastructure.BwBureauKey, "/intake/receipt", EnvelopeFlow.Receipt("T", "k"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Bureau_OverItsRate_Gets429WithRetryAfter_AndTheRetryIsStoredOnce()
    {
        var factory = infra.Function<IntakeLimitOptions>(settings: new Dictionary<string, string> { ["Intake:PerBureauPerSecond"] = "1", ["Intake:Burst"] = "2" });
        using var client = TestInfrastructure.Client(factory);
        string key = "rate-" + Guid.NewGuid();
        var answers = new List<HttpResponseMessage>();
        for (int i = 0; i < 4; i++)
        {
            answers.Add(await EnvelopeFlow.PostAsync(client, TestInfrastructure.BwBureauKey, "/intake/receipt", EnvelopeFlow.Receipt("RATE-TOKEN", key)));
        }

        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, a => Assert.NotNull(a.Headers.RetryAfter));
        Assert.Contains("too-many-requests", await limited[0].Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.All(answers.Except(limited), a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.Equal(1L, await infra.ScalarAsync<long>("SELECT count(*) FROM receipt WHERE idempotency_key = $1", key));
    }

    [Fact]
    public async Task Request_LargerThanTheLimit_Is413AndNothingIsStored()
    {
        using var client = TestInfrastructure.Client(infra.Function<IntakeLimitOptions>(settings: new Dictionary<string, string> { ["Intake:MaxBodyBytes"] = "2048" }));
        string key = "large-" + Guid.NewGuid();
        var receipts = Enumerable.Range(0, 40).Select(i => EnvelopeFlow.Receipt("TOKEN", $"{key}-{i}")).ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/intake/receipts") { Content = new StringContent(JsonSerializer.Serialize(new { receipts }), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Bureau-Key", TestInfrastructure.BwBureauKey);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("request-too-large", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM receipt WHERE idempotency_key LIKE $1", key + "%"));
    }

    [Fact]
    public async Task ConcurrentSingleReceipts_AreCommittedTogether_EachAnsweredWithItsOwnReceipt()
    {
        using var client = TestInfrastructure.Client(infra.Function<IntakeLimitOptions>());
        string run = "group-" + Guid.NewGuid();
        // 30 keys from two bureaus, each sent twice at the same moment (a scanner retrying).
        var sends = Enumerable.Range(0, 30).SelectMany(i => Enumerable.Repeat(i, 2)).Select(async i =>
        {
            string bureauKey = i % 2 == 0 ? TestInfrastructure.BwBureauKey : TestInfrastructure.VbBureauKey;
            var response = await EnvelopeFlow.PostAsync(client, bureauKey, "/intake/receipt", EnvelopeFlow.Receipt("GROUP-TOKEN", $"{run}-{i}"));
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("receipts")[0];
            return (i, response.StatusCode, Key: body.GetProperty("idempotencyKey").GetString(), Id: body.GetProperty("receiptId").GetInt64());
        }).ToList();
        var answers = await Task.WhenAll(sends);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.All(answers, a => Assert.Equal($"{run}-{a.i}", a.Key));
        Assert.All(answers.GroupBy(a => a.i), g => Assert.Single(g.Select(a => a.Id).Distinct()));
        Assert.Equal(30, answers.Select(a => a.Id).Distinct().Count());
        Assert.Equal(30L, await infra.ScalarAsync<long>("SELECT count(*) FROM receipt WHERE idempotency_key LIKE $1", run + "%"));
        Assert.Equal(30L, await infra.ScalarAsync<long>("SELECT count(*) FROM receipt_queue q JOIN receipt r ON r.id = q.receipt_id WHERE r.idempotency_key LIKE $1", run + "%"));
    }

    [Fact]
    public async Task GroupCommit_WhenTheDatabaseFails_EveryRequestOfTheGroupGetsTheError()
    {
        await using var unreachable = Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=postgres;Timeout=2");
        using var writer = new ReceiptWriter(new HybridVote.Storage.ReceiptQueue(unreachable));
        await writer.StartAsync(CancellationToken.None);
        var receipts = Enumerable.Range(0, 3).Select(i => writer.WriteAsync([new HybridVote.Storage.IncomingReceipt("BW-001", $"fail-{i}", new byte[32], DateTimeOffset.UtcNow)], CancellationToken.None)).ToList();
        foreach (var receipt in receipts)
        {
            await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(() => receipt);
        }

        await writer.StopAsync(CancellationToken.None);
    }
}
