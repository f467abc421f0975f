using HybridVote.Imports;
using HybridVote.Domain;
using HybridVote.EnvelopeIngest;
using HybridVote.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Integration.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class EnvelopeIngestTests(TestInfrastructure infra)
{
    [Fact]
    public async Task Ingest_FirstEnvelopeWins_AConfirmedSecondIsADuplicate_CacheIsDropped()
    {
        var ingest = EnvelopeFlow.IngestWithoutWorker(infra);
        var (voterKey, token, _) = await EnvelopeFlow.PrintedVoterAsync(infra);
        var cache = infra.Cache();
        await cache.SetAsync(StatusCache.EnvelopeKey(voterKey), "stale");

        await EnvelopeFlow.EnqueueAsync(infra, TestInfrastructure.BwBureauKey, EnvelopeFlow.Receipt(token, "a-" + Guid.NewGuid()));
        await Drain(ingest);
        var state = await EnvelopeFlow.StateAsync(infra, voterKey);
        Assert.Equal(EnvelopeStatus.Accepted, state.Status);
        Assert.Equal("BW-001", state.BureauId);
        Assert.Null(await cache.GetAsync(StatusCache.EnvelopeKey(voterKey)));

        await EnvelopeFlow.EnqueueAsync(infra, TestInfrastructure.BwBureauKey,
            new { labelToken = token.ToLowerInvariant(), scannedAt = DateTimeOffset.UtcNow, idempotencyKey = "b-" + Guid.NewGuid(), secondEnvelope = true });
        await Drain(ingest);
        state = await EnvelopeFlow.StateAsync(infra, voterKey);
        Assert.Equal((EnvelopeStatus.Accepted, 1), (state.Status, state.Duplicates));
    }

    [Fact]
    public async Task Ingest_UnknownTokenOrWrongBureau_GoesToTheRejectTableWithAReason()
    {
        var ingest = EnvelopeFlow.IngestWithoutWorker(infra);
        var (voterKey, token, _) = await EnvelopeFlow.PrintedVoterAsync(infra);
        string unknown = "u-" + Guid.NewGuid(), wrong = "w-" + Guid.NewGuid();
        await EnvelopeFlow.EnqueueAsync(infra, TestInfrastructure.BwBureauKey, EnvelopeFlow.Receipt("NOT-A-REAL-TOKEN", unknown));
        await EnvelopeFlow.EnqueueAsync(infra, TestInfrastructure.VbBureauKey, EnvelopeFlow.Receipt(token, wrong));
        await Drain(ingest);
        Assert.Equal("unknown-label-token", await Reason(unknown));
        Assert.Equal("wrong-bureau", await Reason(wrong));
        Assert.Equal(EnvelopeStatus.NotReceived, (await EnvelopeFlow.StateAsync(infra, voterKey)).Status);
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM receipt_queue q JOIN receipt r ON r.id = q.receipt_id WHERE r.idempotency_key IN ($1, $2)", unknown, wrong));
    }

    [Fact]
    public async Task InPersonVote_BeforeOrAfterTheEnvelope_CancelsIt()
    {
        var ingest = EnvelopeFlow.IngestWithoutWorker(infra);
        var importer = infra.Importer();
        var (before, tokenBefore, nrnBefore) = await EnvelopeFlow.PrintedVoterAsync(infra);
        var (after, tokenAfter, nrnAfter) = await EnvelopeFlow.PrintedVoterAsync(infra);

        await infra.Voters().ImportInPersonAsync("T1", EnvelopeRules.ApplyInPersonVote, [nrnBefore], "test");
        await EnvelopeFlow.EnqueueAsync(infra, TestInfrastructure.BwBureauKey, EnvelopeFlow.Receipt(tokenBefore, "ip1-" + Guid.NewGuid()), EnvelopeFlow.Receipt(tokenAfter, "ip2-" + Guid.NewGuid()));
        await Drain(ingest);
        await infra.Voters().ImportInPersonAsync("T1", EnvelopeRules.ApplyInPersonVote, [nrnAfter], "test");

        Assert.Equal(EnvelopeStatus.Cancelled, (await EnvelopeFlow.StateAsync(infra, before)).Status);
        Assert.Equal(EnvelopeStatus.Cancelled, (await EnvelopeFlow.StateAsync(infra, after)).Status);
    }

    [Fact]
    public async Task Worker_RunningInTheBackground_AppliesReceiptsOnItsOwn()
    {
        using var ingest = infra.Function<IngestProcessor>();
        _ = ingest.Services; // starts the host and its worker
        var (voterKey, token, _) = await EnvelopeFlow.PrintedVoterAsync(infra);
        await EnvelopeFlow.EnqueueAsync(infra, TestInfrastructure.BwBureauKey, EnvelopeFlow.Receipt(token, "bg-" + Guid.NewGuid()));
        for (int i = 0; i < 100 && (await EnvelopeFlow.StateAsync(infra, voterKey)).Status == EnvelopeStatus.NotReceived; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(EnvelopeStatus.Accepted, (await EnvelopeFlow.StateAsync(infra, voterKey)).Status);
    }

    [Fact]
    public async Task Ingest_ReceiptAfterTheDeadline_IsRejected_RequeueAndReconciliationAccountForIt()
    {
        var ingest = EnvelopeFlow.IngestWithoutWorker(infra);
        var (_, voterKey) = await infra.NewVoterAsync("BW", TestInfrastructure.CountingElection);
        string token = "LATE-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        await infra.ScalarAsync<object>("INSERT INTO envelope (voter_key, election_id, contest_id, label_token_hash, print_count) VALUES ($2, 'T2', 'BW', $1, 1) RETURNING 1", infra.Pseudonyms.LabelTokenHash(token), voterKey);
        string key = "late-" + Guid.NewGuid();
        await EnvelopeFlow.EnqueueAsync(infra, TestInfrastructure.T2ScannerKey, EnvelopeFlow.Receipt(token, key));
        await Drain(ingest);
        Assert.Equal("after-deadline", await Reason(key));

        var rejects = new RejectStore(infra.Db, new AuditLog(TimeProvider.System));
        Assert.Contains(await rejects.ListAsync(RejectReason.AfterDeadline, 1000), r => r.IdempotencyKey == key);
        Assert.True(await rejects.RequeueAsync(null, RejectReason.AfterDeadline, "test") >= 1);
        Assert.Equal(1L, await infra.ScalarAsync<long>("SELECT count(*) FROM receipt_queue q JOIN receipt r ON r.id = q.receipt_id WHERE r.idempotency_key = $1", key));
        await Drain(ingest);
        Assert.Equal("after-deadline", await Reason(key));

        var lines = await new Reconciliation(infra.Db).ReportAsync(null);
        Assert.All(lines, l => Assert.True(l.AddsUp, $"{l.BureauId} does not add up"));
        Assert.True(lines.Single(l => l.BureauId == "T2-BW-001").Rejected >= 1);
    }

    private static Task<int> Drain(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<IngestProcessor> ingest) =>
        ingest.Services.GetRequiredService<IngestProcessor>().DrainAsync(100, CancellationToken.None);

    private Task<string> Reason(string idempotencyKey) =>
        infra.ScalarAsync<string>("SELECT j.reason FROM receipt_reject j JOIN receipt r ON r.id = j.receipt_id WHERE r.idempotency_key = $1", idempotencyKey);
}
