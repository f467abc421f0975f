using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HybridVote.Domain;
using HybridVote.EnvelopeIngest;
using HybridVote.EnvelopeIntake;
using HybridVote.Imports;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Integration.Tests;

/// <summary>The verdict a reception bureau gets for each envelope, through the real intake and ingest (FR008, FR012).</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ReceptionVerdictTests(TestInfrastructure infra)
{
    [Fact]
    public async Task FirstScan_IsAccepted_ARescanIsAlreadyReceived_OnlyAConfirmedSecondEnvelopeIsADuplicate()
    {
        var ingest = EnvelopeFlow.IngestWithoutWorker(infra);
        using var client = TestInfrastructure.Client(infra.Function<IntakeLimitOptions>());
        var (voterKey, token, _) = await EnvelopeFlow.PrintedVoterAsync(infra);

        string firstKey = "v1-" + Guid.NewGuid();
        var first = await ScanAsync(client, TestInfrastructure.BwBureauKey, token, firstKey);
        Assert.Equal(("accepted", false), (Verdict(first), first.GetProperty("final").GetBoolean()));
        await Drain(ingest);

        // The scanner retries the same key after ingest: the answer is now ingest's, final.
        var retried = await ScanAsync(client, TestInfrastructure.BwBureauKey, token, firstKey);
        Assert.Equal(("accepted", true), (Verdict(retried), retried.GetProperty("final").GetBoolean()));

        // The same envelope scanned again (lower case, as typed): told when and where, nothing changes.
        string rescanKey = "v2-" + Guid.NewGuid();
        var rescan = await ScanAsync(client, TestInfrastructure.BwBureauKey, token.ToLowerInvariant(), rescanKey);
        Assert.Equal("already-received", Verdict(rescan));
        Assert.Equal("BW-001", rescan.GetProperty("receivedBy").GetProperty("id").GetString());
        Assert.Equal("Bureau principal T1", rescan.GetProperty("receivedBy").GetProperty("name").GetString());
        Assert.True(rescan.TryGetProperty("receivedAt", out _));
        await Drain(ingest);
        Assert.Equal("rescan", await OutcomeAsync(rescanKey));
        var state = await EnvelopeFlow.StateAsync(infra, voterKey);
        Assert.Equal((EnvelopeStatus.Accepted, 0), (state.Status, state.Duplicates));

        // The bureau confirms a second physical envelope: that one, and only that one, is a duplicate.
        string secondKey = "v3-" + Guid.NewGuid();
        var second = await ScanAsync(client, TestInfrastructure.BwBureauKey, token, secondKey, secondEnvelope: true);
        Assert.Equal("second-envelope", Verdict(second));
        await Drain(ingest);
        Assert.Equal("duplicate", await OutcomeAsync(secondKey));
        state = await EnvelopeFlow.StateAsync(infra, voterKey);
        Assert.Equal((EnvelopeStatus.Accepted, 1, "BW-001"), (state.Status, state.Duplicates, state.BureauId));

        var line = (await new Reconciliation(infra.Db).ReportAsync(TestInfrastructure.OpenElection)).Single(l => l.BureauId == "BW-001");
        Assert.True(line.AddsUp);
        Assert.True(line.Rescan >= 1);
    }

    [Fact]
    public async Task ForeignEnvelope_NamesTheMainBureauOfItsConstituency_TypoAndForeignLabelAreToldApart()
    {
        var ingest = EnvelopeFlow.IngestWithoutWorker(infra);
        using var client = TestInfrastructure.Client(infra.Function<IntakeLimitOptions>());
        var (voterKey, token, _) = await EnvelopeFlow.PrintedVoterAsync(infra);

        // A Brabant wallon envelope at a Vlaams-Brabant bureau.
        string foreignKey = "f-" + Guid.NewGuid();
        var foreign = await ScanAsync(client, TestInfrastructure.VbBureauKey, token, foreignKey);
        Assert.Equal("other-constituency", Verdict(foreign));
        Assert.Equal("BW-001", foreign.GetProperty("mainBureau").GetProperty("id").GetString());

        // One symbol mistyped: the check symbol says so.
        int at = token.IndexOf('-', StringComparison.Ordinal) - 1;
        string typo = token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];
        var mistyped = await ScanAsync(client, TestInfrastructure.BwBureauKey, typo, "t-" + Guid.NewGuid());
        Assert.Equal(("unknown-label", "fails"), (Verdict(mistyped), mistyped.GetProperty("labelCheck").GetString()));

        // A well-formed label that no election printed, and something that is not a label at all.
        var stray = await ScanAsync(client, TestInfrastructure.BwBureauKey, LabelToken.New(), "s-" + Guid.NewGuid());
        Assert.Equal(("unknown-label", "holds"), (Verdict(stray), stray.GetProperty("labelCheck").GetString()));
        var junk = await ScanAsync(client, TestInfrastructure.BwBureauKey, "NOT-A-LABEL", "j-" + Guid.NewGuid());
        Assert.Equal(("unknown-label", "not-a-label"), (Verdict(junk), junk.GetProperty("labelCheck").GetString()));

        await Drain(ingest);
        Assert.Equal("rejected", await OutcomeAsync(foreignKey));
        Assert.Equal(EnvelopeStatus.NotReceived, (await EnvelopeFlow.StateAsync(infra, voterKey)).Status);
    }

    [Fact]
    public async Task Scan_AfterTheInPersonClose_IsLate_AndOfAVoterWhoVotedInPerson_IsVotedInPerson()
    {
        using var client = TestInfrastructure.Client(infra.Function<IntakeLimitOptions>());
        var (_, lateVoter) = await infra.NewVoterAsync("BW", TestInfrastructure.CountingElection);
        string lateToken = LabelToken.New();
        await infra.ScalarAsync<object>("INSERT INTO envelope (voter_key, election_id, contest_id, label_token_hash, print_count) VALUES ($2, 'T2', 'BW', $1, 1) RETURNING 1",
            infra.Pseudonyms.LabelTokenHash(lateToken), lateVoter);
        Assert.Equal("late", Verdict(await ScanAsync(client, TestInfrastructure.T2ScannerKey, lateToken, "l-" + Guid.NewGuid())));

        var (_, token, nrn) = await EnvelopeFlow.PrintedVoterAsync(infra);
        await infra.Voters().ImportInPersonAsync(TestInfrastructure.OpenElection, EnvelopeRules.ApplyInPersonVote, [nrn], "test");
        Assert.Equal("voted-in-person", Verdict(await ScanAsync(client, TestInfrastructure.BwBureauKey, token, "p-" + Guid.NewGuid())));
    }

    [Fact]
    public async Task Batch_GetsOneVerdictPerReceipt_InOrder()
    {
        using var client = TestInfrastructure.Client(infra.Function<IntakeLimitOptions>());
        var (_, token, _) = await EnvelopeFlow.PrintedVoterAsync(infra);
        var response = await EnvelopeFlow.PostAsync(client, TestInfrastructure.BwBureauKey, "/intake/receipts", new
        {
            receipts = new[] { EnvelopeFlow.Receipt("NOT-A-LABEL", "b1-" + Guid.NewGuid()), EnvelopeFlow.Receipt(token, "b2-" + Guid.NewGuid()) },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipts = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipts");
        Assert.Equal(["unknown-label", "accepted"], receipts.EnumerateArray().Select(Verdict));
    }

    private static async Task<JsonElement> ScanAsync(HttpClient client, string bureauKey, string token, string key, bool secondEnvelope = false)
    {
        var response = await EnvelopeFlow.PostAsync(client, bureauKey, "/intake/receipt",
            new { labelToken = token, scannedAt = DateTimeOffset.UtcNow, idempotencyKey = key, secondEnvelope });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("receipts")[0];
    }

    private static string? Verdict(JsonElement receipt) => receipt.GetProperty("verdict").GetString();

    private static Task<int> Drain(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<IngestProcessor> ingest) =>
        ingest.Services.GetRequiredService<IngestProcessor>().DrainAsync(100, CancellationToken.None);

    private Task<string> OutcomeAsync(string idempotencyKey) =>
        infra.ScalarAsync<string>("SELECT o.outcome FROM receipt_outcome o JOIN receipt r ON r.id = o.receipt_id WHERE r.idempotency_key = $1", idempotencyKey);
}
