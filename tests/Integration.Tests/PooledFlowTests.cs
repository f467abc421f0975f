using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using HybridVote.BallotRegistration;
using HybridVote.Domain;
using HybridVote.EnvelopeIngest;
using HybridVote.EnvelopeIntake;
using HybridVote.KCodeIssue;
using HybridVote.Storage;
using HybridVote.StatusQuery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace HybridVote.Integration.Tests;

/// <summary>
/// The functions behind a real PgBouncer in transaction mode, as the chart's Pooler runs them: each
/// transaction may get another server connection, so nothing may rely on session state
/// (TransactionPoolingTests checks the code for it; this runs it). A voter prints, a scanner's
/// receipt is queued and applied, the voter sees the status, and a counting bureau registers
/// ballots in overlapping batches. The Debian PgBouncer (1.18) predates prepared statements in
/// transaction mode, so the functions run with HybridVote:AutoPrepare = 0 here; the chart's
/// PgBouncer (1.21+) keeps them (max_prepared_statements).
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class PooledFlowTests(TestInfrastructure infra) : IAsyncLifetime
{
    private readonly string dir = Directory.CreateTempSubdirectory("hv-pgbouncer-").FullName;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> log = new();
    private Process? pgbouncer;
    private Dictionary<string, string> pooled = [];

    public async Task InitializeAsync()
    {
        var direct = new NpgsqlConnectionStringBuilder(infra.Database);
        int port = LocalPorts.Free();
        if (!OperatingSystem.IsWindows())
        {
            // PgBouncer runs as the postgres user when the tests run as root: it reads its files here.
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        }

        await File.WriteAllTextAsync(Path.Combine(dir, "users.txt"), $"\"{direct.Username}\" \"\"\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "pgbouncer.ini"), $"""
            [databases]
            * = host={direct.Host} port={direct.Port}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port}
            unix_socket_dir =
            auth_type = trust
            auth_file = {dir}/users.txt
            pool_mode = transaction
            default_pool_size = 4
            max_client_conn = 1000
            ignore_startup_parameters = extra_float_digits
            """);
        // PgBouncer does not run as root: as root (a CI container), it runs as the postgres user.
        string[] args = Environment.UserName == "root" ? ["-u", "postgres", Path.Combine(dir, "pgbouncer.ini")] : [Path.Combine(dir, "pgbouncer.ini")];
        pgbouncer = Process.Start(new ProcessStartInfo(PgBouncer(), args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        pgbouncer.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? string.Empty);
        pgbouncer.OutputDataReceived += (_, e) => log.Enqueue(e.Data ?? string.Empty);
        pgbouncer.BeginErrorReadLine();
        pgbouncer.BeginOutputReadLine();
        await LocalPorts.WaitAsync(port, pgbouncer, () => string.Join('\n', log));
        pooled = new Dictionary<string, string>
        {
            ["HybridVote:Database"] = new NpgsqlConnectionStringBuilder(infra.Database) { Port = port, MaxPoolSize = 20 }.ConnectionString,
            ["HybridVote:AutoPrepare"] = "0",
        };
    }

    public Task DisposeAsync()
    {
        if (pgbouncer is { HasExited: false })
        {
            pgbouncer.Kill();
            pgbouncer.WaitForExit();
        }

        pgbouncer?.Dispose();
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PrintScanApplyStatusAndCount_ThroughTransactionPooling()
    {
        // A voter prints (one transaction: K-codes, label token, print count, audit).
        var issue = infra.Function<KCodeService>(settings: pooled);
        var (_, voterKey) = await infra.NewVoterAsync();
        using (var client = TestInfrastructure.Client(issue))
        {
            var printed = await KCodeIssueTests.Send(client, "/print/api", TestInfrastructure.SessionCookie(issue, voterKey));
            Assert.Equal(HttpStatusCode.OK, printed.StatusCode);
        }

        byte[] sealedToken = await infra.ScalarAsync<byte[]>("SELECT label_token_sealed FROM envelope WHERE voter_key = $1 AND election_id = 'T1'", voterKey);
        string token = new Sealer(infra.Keys).Open(sealedToken, VoterStore.LabelContext("T1"));

        // The reception bureau scans the envelope; the receipt is queued before the 202 (group commit).
        using (var intake = TestInfrastructure.Client(infra.Function<IntakeLimitOptions>(settings: pooled)))
        {
            var response = await EnvelopeFlow.PostAsync(intake, TestInfrastructure.BwBureauKey, "/intake/receipts",
                new { receipts = new[] { EnvelopeFlow.Receipt(token, "pooled-" + Guid.NewGuid()) } });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        // Ingest claims (SKIP LOCKED), decides and commits in one transaction.
        var ingest = infra.Function<IngestProcessor>(services: s => s.RemoveAll<IHostedService>(), settings: pooled);
        Assert.True(await ingest.Services.GetRequiredService<IngestProcessor>().DrainAsync(100, CancellationToken.None) >= 1);
        Assert.Equal(EnvelopeStatus.Accepted, (await EnvelopeFlow.StateAsync(infra, voterKey)).Status);

        // The voter's status page reads it back.
        var status = infra.Function<StatusService>(settings: pooled);
        using (var client = TestInfrastructure.Client(status))
        {
            var envelopes = await TestInfrastructure.SendAsync(client, HttpMethod.Get, "/status/api/envelopes", TestInfrastructure.SessionCookie(status, voterKey));
            Assert.Equal(HttpStatusCode.OK, envelopes.StatusCode);
            Assert.Contains("accepted", await envelopes.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A counting bureau registers ballots in two overlapping batches at once (row locks, copies).
        using var counting = TestInfrastructure.Client(infra.Function<RegistrationService>(settings: pooled));
        var codes = Enumerable.Range(0, 60).Select(_ => KCode.Issue(new(TestInfrastructure.CountingElection, "BW"), infra.Keys.KCodeMac)).ToList();
        var answers = await Task.WhenAll(Register(counting, codes, "a"), Register(counting, [.. Enumerable.Reverse(codes)], "b"));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var results = new List<string>();
        foreach (var answer in answers)
        {
            results.AddRange((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().Select(r => r.GetString()!));
        }

        Assert.Equal(60, results.Count(r => r == "registered"));
        Assert.Equal(60, results.Count(r => r == "copy"));

        // All of it went through the pooler: it logged the functions' logins to this database.
        string database = new NpgsqlConnectionStringBuilder(infra.Database).Database!;
        Assert.Contains(log, line => line.Contains($"login attempt: db={database}", StringComparison.Ordinal));
    }

    private static Task<HttpResponseMessage> Register(HttpClient client, IReadOnlyList<string> codes, string batch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/registration/ballots")
        {
            Content = JsonContent.Create(new { ballots = codes.Select((c, i) => new { kCode = c, classification = "valid", entryId = $"pooled-{batch}-{i}-{Guid.NewGuid():N}" }) }),
        };
        request.Headers.Add("X-Bureau-Key", TestInfrastructure.CountingBureauKey);
        return client.SendAsync(request);
    }

    private static string PgBouncer() =>
        new[] { "/usr/sbin/pgbouncer", "/usr/bin/pgbouncer" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("pgbouncer is not installed (scripts/test installs it)");
}
