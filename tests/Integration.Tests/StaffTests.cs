using System.Net;
using HybridVote.Domain;
using HybridVote.EnvelopeIngest;
using HybridVote.ReceptionStation;
using HybridVote.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Integration.Tests;

/// <summary>Staff roles (FR011, SEC014, SEC016) and the reception station (team A), on PostgreSQL and Redis.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class StaffTests(TestInfrastructure infra)
{
    [Fact]
    public async Task HvStaff_StoresThePersonByPseudonym_Audits_AndRefusesWhatBreaksTheSegregationOfDuties()
    {
        string nrn = NewNumber();
        Assert.Equal(0, await StaffCommandAsync(nrn, "assign", "--role", "president", "--election", "T1", "--bureau", "BW-001"));
        // The same person as a counting typist of the same bureau: refused, exit 1, nothing written.
        Assert.Equal(1, await StaffCommandAsync(nrn, "assign", "--role", "counting-typist", "--election", "T1", "--bureau", "BW-001"));
        // An organiser cannot count.
        string organiser = NewNumber();
        Assert.Equal(0, await StaffCommandAsync(organiser, "assign", "--role", "organiser", "--election", "T1"));
        Assert.Equal(1, await StaffCommandAsync(organiser, "assign", "--role", "counting-typist", "--election", "T1", "--bureau", "VB-001"));
        // A bureau role names its bureau; an unknown bureau is refused.
        Assert.Equal(1, await StaffCommandAsync(NewNumber(), "assign", "--role", "reception-operator", "--election", "T1"));
        Assert.Equal(1, await StaffCommandAsync(NewNumber(), "assign", "--role", "reception-operator", "--election", "T1", "--bureau", "NOPE-001"));

        var roles = await Store().RolesAsync(infra.Pseudonyms.StaffKey(nrn));
        Assert.Equal([new StaffAssignment(StaffRole.President, "T1", "BW-001")], roles);
        Assert.False(await infra.DatabaseContainsAsync(nrn));
        Assert.True(await infra.ScalarAsync<long>("SELECT count(*) FROM audit_event WHERE action = 'staff.assign' AND subject = $1", StaffStore.Subject(infra.Pseudonyms.StaffKey(nrn))) == 1);

        Assert.Equal(0, await StaffCommandAsync(nrn, "remove", "--role", "president", "--election", "T1", "--bureau", "BW-001"));
        Assert.Empty(await Store().RolesAsync(infra.Pseudonyms.StaffKey(nrn)));
    }

    [Fact]
    public async Task Station_RecordsAScan_ShowsItsVerdict_ARescanAsksAboutASecondEnvelope_AndCountsAddUp()
    {
        var station = infra.Function<StationService>();
        var ingest = EnvelopeFlow.IngestWithoutWorker(infra);
        using var client = TestInfrastructure.Client(station);
        var session = TestInfrastructure.StaffFormSession(station, await StaffAsync(StaffRole.ReceptionOperator, "BW-001"));
        var (voterKey, token, _) = await EnvelopeFlow.PrintedVoterAsync(infra);

        var home = await TestInfrastructure.SendAsync(client, HttpMethod.Get, "/reception", session.Cookies);
        Assert.Contains("href=\"/reception/BW-001\"", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        string scanId = Guid.NewGuid().ToString("N");
        var first = await ScanAsync(client, session, token, scanId);
        Assert.Contains("data-verdict=\"accepted\"", first, StringComparison.Ordinal);
        Assert.Contains("aria-live=\"polite\"", first, StringComparison.Ordinal);
        // The same form sent again (reload, double press) is the same receipt.
        Assert.Contains("data-verdict=\"accepted\"", await ScanAsync(client, session, token, scanId), StringComparison.Ordinal);
        Assert.Equal(1L, await infra.ScalarAsync<long>("SELECT count(*) FROM receipt WHERE idempotency_key = $1", "station-" + scanId));
        await ingest.Services.GetRequiredService<IngestProcessor>().DrainAsync(100, CancellationToken.None);

        var rescan = await ScanAsync(client, session, token.ToLowerInvariant(), Guid.NewGuid().ToString("N"));
        Assert.Contains("data-verdict=\"already-received\"", rescan, StringComparison.Ordinal);
        Assert.Contains("name=\"secondEnvelope\" value=\"true\"", rescan, StringComparison.Ordinal);
        var second = await ScanAsync(client, session, token, Guid.NewGuid().ToString("N"), secondEnvelope: true);
        Assert.Contains("data-verdict=\"second-envelope\"", second, StringComparison.Ordinal);
        await ingest.Services.GetRequiredService<IngestProcessor>().DrainAsync(100, CancellationToken.None);
        Assert.Equal(1, (await EnvelopeFlow.StateAsync(infra, voterKey)).Duplicates);

        var typo = await ScanAsync(client, session, token[..^1] + (token[^1] == 'A' ? 'B' : 'A'), Guid.NewGuid().ToString("N"));
        Assert.Contains("data-verdict=\"unknown-label\"", typo, StringComparison.Ordinal);
        Assert.Contains("caractère de contrôle", typo, StringComparison.Ordinal);

        var page = await (await TestInfrastructure.SendAsync(client, HttpMethod.Get, "/reception/BW-001", session.Cookies)).Content.ReadAsStringAsync();
        Assert.Contains("data-final=\"second-envelope\"", page, StringComparison.Ordinal);
        Assert.Contains("data-final=\"already-received\"", page, StringComparison.Ordinal);
        Assert.All(await new ReceptionStore(infra.Db, new AuditLog(TimeProvider.System)).DaysAsync("BW-001"), d => Assert.True(d.AddsUp));
    }

    [Fact]
    public async Task Station_UnreadableScan_Is400WithWhatToDo_AndStoresNothing()
    {
        var station = infra.Function<StationService>();
        using var client = TestInfrastructure.Client(station);
        var session = TestInfrastructure.StaffFormSession(station, await StaffAsync(StaffRole.President, "VB-001"), Language.Nl);
        string scanId = Guid.NewGuid().ToString("N");
        var response = await TestInfrastructure.PostFormAsync(client, "/reception/VB-001/scan", session, new("labelToken", "<script>"), new("scanId", scanId));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Niets gelezen", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM receipt WHERE idempotency_key = $1", "station-" + scanId));
    }

    [Fact]
    public async Task Station_RefusesAnonymousAVoterAnotherBureauAnotherRole_AndARoleRemovedAtTheNextRequest()
    {
        var station = infra.Function<StationService>();
        using var client = TestInfrastructure.Client(station);
        var (_, voterKey) = await infra.NewVoterAsync();
        var operatorKey = await StaffAsync(StaffRole.ReceptionOperator, "BW-001");
        var typistKey = await StaffAsync(StaffRole.CountingTypist, "BW-001");
        var refusals = new (string Path, string? Cookie)[]
        {
            ("/reception", null),
            ("/reception/BW-001", null),
            ("/reception/BW-001", TestInfrastructure.SessionCookie(station, voterKey)),
            ("/reception/VB-001", TestInfrastructure.StaffFormSession(station, operatorKey).Cookies),
            ("/reception/NOPE-001", TestInfrastructure.StaffFormSession(station, operatorKey).Cookies),
            ("/reception/BW-001", TestInfrastructure.StaffFormSession(station, typistKey).Cookies),
        };
        foreach (var (path, cookie) in refusals)
        {
            var response = await TestInfrastructure.SendAsync(client, HttpMethod.Get, path, cookie);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("href=\"/auth/staff\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var session = TestInfrastructure.StaffFormSession(station, operatorKey);
        Assert.Equal(HttpStatusCode.OK, (await TestInfrastructure.SendAsync(client, HttpMethod.Get, "/reception/BW-001", session.Cookies)).StatusCode);
        Assert.True(await Store().RemoveAsync(operatorKey, new StaffAssignment(StaffRole.ReceptionOperator, "T1", "BW-001"), "test"));
        Assert.Equal(HttpStatusCode.Forbidden, (await TestInfrastructure.SendAsync(client, HttpMethod.Get, "/reception/BW-001", session.Cookies)).StatusCode);
        var scan = await TestInfrastructure.PostFormAsync(client, "/reception/BW-001/scan", session, new("labelToken", LabelToken.New()), new("scanId", Guid.NewGuid().ToString("N")));
        Assert.Equal(HttpStatusCode.Forbidden, scan.StatusCode);
    }

    [Fact]
    public async Task President_ClosesIntake_OnlyAfterTheDeadline_WithHandCountsChecked_ThenNothingMoreIsRecorded_AndReconcileSeesTheCounts()
    {
        // An election of its own whose in-person voting closed yesterday, so that no other test scans there.
        var now = DateTimeOffset.UtcNow;
        await infra.Importer().ImportElectionAsync(TestInfrastructure.Election("T3", new ElectionCalendar(now.AddDays(-20), now.AddDays(-2), now.AddDays(-1), now.AddDays(40)), "T3-BW-001", "T3-VB-001"), "test");
        var station = infra.Function<StationService>();
        var ingest = EnvelopeFlow.IngestWithoutWorker(infra);
        using var client = TestInfrastructure.Client(station);
        byte[] presidentKey = infra.Pseudonyms.StaffKey(NewNumber());
        Assert.Null(await Store().AssignAsync(presidentKey, new StaffAssignment(StaffRole.President, "T3", "T3-BW-001"), "test"));
        var president = TestInfrastructure.StaffFormSession(station, presidentKey);
        var operatorKey = await StaffAsync(StaffRole.ReceptionOperator, "BW-001");

        // An envelope scanned now is late there: rejected, one envelope set aside, none for counting.
        var late = await TestInfrastructure.PostFormAsync(client, "/reception/T3-BW-001/scan", president, new("labelToken", LabelToken.New()), new("scanId", Guid.NewGuid().ToString("N")));
        Assert.Contains("data-verdict=\"unknown-label\"", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var pending = await CloseAsync(client, president, "0", "1");
        Assert.Equal(HttpStatusCode.Conflict, pending.Status);
        Assert.Contains("data-close-refusal=\"ReceiptsPending\"", pending.Page, StringComparison.Ordinal);
        await ingest.Services.GetRequiredService<IngestProcessor>().DrainAsync(100, CancellationToken.None);
        var days = await new ReceptionStore(infra.Db, new AuditLog(TimeProvider.System)).DaysAsync("T3-BW-001");
        var total = ReceptionDay.Total(days);

        Assert.Equal(HttpStatusCode.BadRequest, (await CloseAsync(client, president, "-1", "x")).Status);
        var differs = await CloseAsync(client, president, total.Accepted.ToString(), (total.SetAside + 1).ToString());
        Assert.Equal(HttpStatusCode.Conflict, differs.Status);
        Assert.Contains("data-close-refusal=\"CountsDiffer\"", differs.Page, StringComparison.Ordinal);
        Assert.Contains("name=\"countedAgain\"", differs.Page, StringComparison.Ordinal);

        // A reception operator cannot close; the president closes with the right counts.
        var notPresident = await TestInfrastructure.PostFormAsync(client, "/reception/BW-001/close", TestInfrastructure.StaffFormSession(station, operatorKey),
            new("countedAccepted", "0"), new("countedSetAside", "0"));
        Assert.Equal(HttpStatusCode.Forbidden, notPresident.StatusCode);
        var closed = await CloseAsync(client, president, total.Accepted.ToString(), total.SetAside.ToString());
        Assert.Equal(HttpStatusCode.OK, closed.Status);
        Assert.Contains("data-closed=\"true\"", closed.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"labelToken\"", closed.Page, StringComparison.Ordinal);
        Assert.Equal(1L, await infra.ScalarAsync<long>("SELECT count(*) FROM audit_event WHERE action = 'reception.close' AND subject = 'T3-BW-001'"));

        // After the close the station records nothing, and a second close is refused.
        string scanId = Guid.NewGuid().ToString("N");
        var scan = await TestInfrastructure.PostFormAsync(client, "/reception/T3-BW-001/scan", president, new("labelToken", LabelToken.New()), new("scanId", scanId));
        Assert.Equal(HttpStatusCode.Conflict, scan.StatusCode);
        Assert.Contains("data-verdict=\"intake-closed\"", await scan.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM receipt WHERE idempotency_key = $1", "station-" + scanId));

        // The report, in the person's language, is a PDF; reconciliation shows the hand counts and adds up.
        var report = await TestInfrastructure.SendAsync(client, HttpMethod.Get, "/reception/T3-BW-001/report.pdf", president.Cookies);
        Assert.Equal(("application/pdf", true), (report.Content.Headers.ContentType?.MediaType, (await report.Content.ReadAsByteArrayAsync()).AsSpan(0, 4).SequenceEqual("%PDF"u8)));
        var line = (await new HybridVote.Imports.Reconciliation(infra.Db).ReportAsync("T3")).Single(l => l.BureauId == "T3-BW-001");
        Assert.Equal((total.Accepted, total.SetAside, true), (line.Counted!.CountedAccepted, line.Counted.CountedSetAside, line.AddsUp));
    }

    [Fact]
    public async Task President_BeforeTheDeadline_CannotClose()
    {
        var station = infra.Function<StationService>();
        using var client = TestInfrastructure.Client(station);
        var president = TestInfrastructure.StaffFormSession(station, await StaffAsync(StaffRole.President, "VB-001"));
        var response = await TestInfrastructure.PostFormAsync(client, "/reception/VB-001/close", president, new("countedAccepted", "0"), new("countedSetAside", "0"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("data-close-refusal=\"BeforeTheDeadline\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Station_WhenPostgreSqlIsDown_Is503AndSaysSo()
    {
        var station = infra.Function<StationService>();
        var session = TestInfrastructure.StaffFormSession(station, await StaffAsync(StaffRole.ReceptionOperator, "BW-001"));
        var broken = station.WithWebHostBuilder(b => b.UseSetting("HybridVote:Database", "Host=127.0.0.1;Port=1;Username=postgres;Timeout=2"));
        using var client = TestInfrastructure.Client(broken);
        var response = await TestInfrastructure.PostFormAsync(client, "/reception/BW-001/scan", session, new("labelToken", LabelToken.New()), new("scanId", Guid.NewGuid().ToString("N")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.Contains("Retry-After"));
    }

    private StaffStore Store() => new(infra.Db, new AuditLog(TimeProvider.System));

    private static async Task<(HttpStatusCode Status, string Page)> CloseAsync(HttpClient client, (string Cookies, string Token) session, string accepted, string setAside)
    {
        var response = await TestInfrastructure.PostFormAsync(client, "/reception/T3-BW-001/close", session, new("countedAccepted", accepted), new("countedSetAside", setAside));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string NewNumber() => TestInfrastructure.NewStaffNumber();

    private Task<byte[]> StaffAsync(StaffRole role, string? bureau) => infra.NewStaffAsync(role, bureau);

    private async Task<int> StaffCommandAsync(string nrn, params string[] args)
    {
        var stdin = Console.In;
        Console.SetIn(new StringReader(nrn + "\n"));
        try
        {
            return await infra.HvAsync(["staff", .. args]);
        }
        finally
        {
            Console.SetIn(stdin);
        }
    }

    private static async Task<string> ScanAsync(HttpClient client, (string Cookies, string Token) session, string token, string scanId, bool secondEnvelope = false)
    {
        var response = await TestInfrastructure.PostFormAsync(client, "/reception/BW-001/scan", session,
            [new("labelToken", token), new("scanId", scanId), .. secondEnvelope ? [new KeyValuePair<string, string>("secondEnvelope", "true")] : Array.Empty<KeyValuePair<string, string>>()]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
