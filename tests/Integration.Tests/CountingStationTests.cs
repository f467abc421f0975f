using System.Net;
using HybridVote.BallotRegistration;
using HybridVote.CountingStation;
using HybridVote.Domain;
using HybridVote.StatusQuery;
using HybridVote.Storage;

namespace HybridVote.Integration.Tests;

/// <summary>
/// A counting bureau's tally sheet by blind double entry, through the pages, on PostgreSQL and
/// Redis (REQUIREMENTS §6, SEC016): checked against the bureau's K-code register, locked by its
/// president, unlocked only by the constituency's president, and the voter's "counted" only then.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class CountingStationTests(TestInfrastructure infra)
{
    // Brabant wallon: list 1 with 2 effective and 1 substitute candidate, list 2 with 1.
    internal static readonly string[] Fields = ["R", "class:valid", "class:doubtful-validated", "class:doubtful-cancelled", "class:blank-or-invalid", "class:rejected-voted-in-person", "V",
        "list:1:total", "list:1:list-only", "list:1:preferences", "list:1:e1", "list:1:e2", "list:1:s1", "list:2:total", "list:2:list-only", "list:2:preferences", "list:2:e1"];

    [Fact]
    public async Task TwoTypists_OneDifference_ThePresidentDecides_ExplainsTheWarning_AndLocks_ThenNothingChanges()
    {
        var setup = await infra.NewCountingElectionAsync();
        string bureau = setup.Second;
        var station = infra.Function<TallyService>();
        using var client = TestInfrastructure.Client(station);
        using var counting = TestInfrastructure.Client(infra.Function<RegistrationService>());
        var anna = TestInfrastructure.StaffFormSession(station, await infra.NewStaffAsync(StaffRole.CountingTypist, bureau, setup.ElectionId));
        var bert = TestInfrastructure.StaffFormSession(station, await infra.NewStaffAsync(StaffRole.CountingTypist, bureau, setup.ElectionId));
        var paula = TestInfrastructure.StaffFormSession(station, await infra.NewStaffAsync(StaffRole.President, bureau, setup.ElectionId));
        // The register: 9 valid ballots and 1 blank.
        await RegisterAsync(counting, setup, setup.SecondKey, ("valid", 9), ("blank-or-invalid", 1));

        string page = await GetAsync(client, anna, bureau);
        Assert.All(Fields, f => Assert.Contains($"name=\"{f}\"", page, StringComparison.Ordinal));
        Assert.Contains("Dupont Élodie", page, StringComparison.Ordinal);
        // R 10 = 9 valid + 1 blank: 10 % blank, so warning W.201 (≥ 3 %) needs the president's explanation.
        var sheet = Sheet(("R", 10), ("class:blank-or-invalid", 1), ("class:valid", 9), ("V", 9), ("list:1:total", 9), ("list:1:list-only", 9));

        var first = await PostAsync(client, anna, bureau, "entry", [.. sheet]);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains("data-entry-state=\"AwaitingSecond\"", first.Page, StringComparison.Ordinal);
        // SEC016: the same typist cannot make the second entry.
        var again = await PostAsync(client, anna, bureau, "entry", [.. sheet]);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("data-problem=\"SameTypist\"", again.Page, StringComparison.Ordinal);

        // Blind: the second typist sees the fields, never the first entry's values.
        string blind = await GetAsync(client, bert, bureau);
        Assert.DoesNotContain("value=\"9\"", blind, StringComparison.Ordinal);
        var second = await PostAsync(client, bert, bureau, "entry", [.. new Dictionary<string, string>(sheet) { ["list:1:list-only"] = "8" }]);
        Assert.Contains("data-entry-state=\"Differences\"", second.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-field=", second.Page, StringComparison.Ordinal);

        // A typist cannot decide; the president sees both values side by side and decides from the paper.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(client, bert, bureau, "decide", new("field", "list:1:list-only"), new("value", "9"))).Status);
        string president = await GetAsync(client, paula, bureau);
        Assert.Contains("data-field=\"list:1:list-only\"", president, StringComparison.Ordinal);
        var decided = await PostAsync(client, paula, bureau, "decide", new("field", "list:1:list-only"), new("value", "9"));
        Assert.Equal(HttpStatusCode.OK, decided.Status);
        Assert.Contains("data-entry-state=\"Definitive\"", decided.Page, StringComparison.Ordinal);
        Assert.Contains("data-check=\"W.201\"", decided.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-check=\"F.", decided.Page, StringComparison.Ordinal);
        // The register per class is shown to the president, never a list's figure.
        Assert.Contains("data-class=\"valid\">9<", decided.Page, StringComparison.Ordinal);

        var stored = (await Tallies().LoadAsync(bureau))!.Entry;
        Assert.NotNull(stored.Settled["list:1:list-only"].President);
        Assert.Equal(9L, stored.Values!["list:1:list-only"]);

        // The organiser's progress counts the sheet among the warnings still to explain, without a figure.
        var organiser = TestInfrastructure.StaffFormSession(station, await infra.NewStaffAsync(StaffRole.Organiser, null, setup.ElectionId));
        string progress = await (await TestInfrastructure.SendAsync(client, HttpMethod.Get, "/counting/progress.csv", organiser.Cookies)).Content.ReadAsStringAsync();
        Assert.Contains($"{setup.ElectionId},BW,Brabant wallon,2,1,0,0,0,1,0,1\r\n", progress, StringComparison.Ordinal);

        // The lock waits for the warning's explanation; then it freezes the snapshot and its SHA-256.
        var unexplained = await PostAsync(client, paula, bureau, "lock", new KeyValuePair<string, string>("explain:W.201", " "));
        Assert.Equal(HttpStatusCode.Conflict, unexplained.Status);
        Assert.Contains("data-problem=\"WarningsUnexplained\"", unexplained.Page, StringComparison.Ordinal);
        var locked = await PostAsync(client, paula, bureau, "lock", new KeyValuePair<string, string>("explain:W.201", "Une urne contenait un bulletin déchiré."));
        Assert.Equal(HttpStatusCode.OK, locked.Status);
        Assert.Contains("data-locked=\"true\"", locked.Page, StringComparison.Ordinal);
        string snapshot = await infra.ScalarAsync<string>("SELECT snapshot FROM tally_lock WHERE bureau_id = $1", bureau);
        Assert.Contains("W.201: Une urne contenait un bulletin déchiré.", snapshot, StringComparison.Ordinal);
        Assert.Equal(TallyLock.Hash(snapshot), await infra.ScalarAsync<string>("SELECT sha256 FROM tally_lock WHERE bureau_id = $1", bureau));
        Assert.Equal(1L, await infra.ScalarAsync<long>("SELECT count(*) FROM audit_event WHERE action = 'tally.lock' AND subject = $1", bureau));

        // After the lock every change is refused with 423, the register's too.
        Assert.Equal(HttpStatusCode.Locked, (await PostAsync(client, paula, bureau, "decide", new("field", "R"), new("value", "1"))).Status);
        Assert.Equal(HttpStatusCode.Locked, (await PostAsync(client, paula, bureau, "lock", new KeyValuePair<string, string>("explain:W.201", "x"))).Status);
        Assert.Equal(HttpStatusCode.Locked, (await PostAsync(client, paula, bureau, "reopen", new KeyValuePair<string, string>("field", "R"))).Status);
        var late = await RegistrationTests.Register(counting, setup.SecondKey, [(KCode.Issue(new(setup.ElectionId, "BW"), infra.Keys.KCodeMac), "valid", Guid.NewGuid().ToString("N"))]);
        Assert.Equal(HttpStatusCode.Locked, late.StatusCode);
        Assert.Equal(10L, await infra.ScalarAsync<long>("SELECT count(*) FROM registration_entry WHERE bureau_id = $1", bureau));
    }

    [Fact]
    public async Task ACopyWaitsForThePresident_CountedOnlyAfterTheLock_UnlockNeedsTheConstituencyPresidentAndAReason_AndKeepsTheVersion()
    {
        var setup = await infra.NewCountingElectionAsync();
        string bureau = setup.Second;
        var station = infra.Function<TallyService>();
        using var client = TestInfrastructure.Client(station);
        using var counting = TestInfrastructure.Client(infra.Function<RegistrationService>());
        var status = infra.Function<StatusService>();
        using var statusClient = TestInfrastructure.Client(status);
        var (_, voterKey) = await infra.NewVoterAsync("BW", setup.ElectionId);
        string voter = TestInfrastructure.SessionCookie(status, voterKey);
        var anna = TestInfrastructure.StaffFormSession(station, await infra.NewStaffAsync(StaffRole.CountingTypist, bureau, setup.ElectionId));
        var bert = TestInfrastructure.StaffFormSession(station, await infra.NewStaffAsync(StaffRole.CountingTypist, bureau, setup.ElectionId));
        var paula = TestInfrastructure.StaffFormSession(station, await infra.NewStaffAsync(StaffRole.President, bureau, setup.ElectionId));
        var chief = TestInfrastructure.StaffFormSession(station, await infra.NewStaffAsync(StaffRole.President, setup.Main, setup.ElectionId));

        // The same code registered twice under two entry ids: a copy for the president.
        string code = KCode.Issue(new(setup.ElectionId, "BW"), infra.Keys.KCodeMac);
        Assert.Equal(HttpStatusCode.OK, (await RegistrationTests.Register(counting, setup.SecondKey, [(code, "valid", "copy-1"), (KCode.Issue(new(setup.ElectionId, "BW"), infra.Keys.KCodeMac), "valid", "copy-2")])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RegistrationTests.Register(counting, setup.SecondKey, [(code, "valid", "copy-3")])).StatusCode);
        Assert.Equal("not-counted", await StatusQueryTests.StatusOf(await StatusQueryTests.PostBallot(statusClient, voter, code)));

        var sheet = Sheet(("R", 2), ("class:valid", 2), ("V", 2), ("list:1:total", 2), ("list:1:list-only", 2));
        await EnterTwiceAsync(client, anna, bert, bureau, sheet);
        // F.103: the register holds 3 valid ballots (the copy counts until it is struck); the copy is undecided.
        string page = await GetAsync(client, paula, bureau);
        Assert.Contains("data-check=\"F.103\"", page, StringComparison.Ordinal);
        Assert.Contains("data-entry=\"copy-3\"", page, StringComparison.Ordinal);
        var refused = await PostAsync(client, paula, bureau, "lock");
        Assert.Contains("data-problem=\"CopiesUndecided\"", refused.Page, StringComparison.Ordinal);

        // The same ballot registered twice: struck, it leaves the register; then the lock holds.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(client, anna, bureau, "copy", new("entry", "copy-3"), new("decision", "strike"))).Status);
        var struck = await PostAsync(client, paula, bureau, "copy", new("entry", "copy-3"), new("decision", "strike"));
        Assert.Equal(HttpStatusCode.OK, struck.Status);
        Assert.DoesNotContain("data-check=\"F.103\"", struck.Page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(client, paula, bureau, "copy", new("entry", "copy-3"), new("decision", "confirm"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, paula, bureau, "lock")).Status);
        Assert.Equal("counted", await StatusQueryTests.StatusOf(await StatusQueryTests.PostBallot(statusClient, voter, code)));

        // The bureau's own president cannot unlock; the constituency's president can, with a reason.
        Assert.DoesNotContain("name=\"reason\"", await GetAsync(client, paula, bureau), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(client, paula, bureau, "unlock", new("version", "1"), new("reason", "x"))).Status);
        string chiefPage = await GetAsync(client, chief, bureau);
        Assert.Contains("name=\"reason\"", chiefPage, StringComparison.Ordinal);
        Assert.Contains($"data-bureau=\"{bureau}\"", await GetAsync(client, chief, setup.Main), StringComparison.Ordinal);
        var noReason = await PostAsync(client, chief, bureau, "unlock", new("version", "1"), new("reason", "  "));
        Assert.Contains("data-problem=\"unlock-reason\"", noReason.Page, StringComparison.Ordinal);
        var unlocked = await PostAsync(client, chief, bureau, "unlock", new("version", "1"), new("reason", "Deux bulletins de la liste 1 comptés en case de tête par erreur."));
        Assert.Equal(HttpStatusCode.OK, unlocked.Status);
        Assert.Equal(1L, await infra.ScalarAsync<long>("SELECT count(*) FROM tally_unlocked WHERE bureau_id = $1 AND version = 1 AND reason LIKE 'Deux bulletins%'", bureau));
        Assert.Equal("not-counted", await StatusQueryTests.StatusOf(await StatusQueryTests.PostBallot(statusClient, voter, code)));

        // The president sends two figures back; two typists enter them again; the next lock is version 2.
        var reopened = await PostAsync(client, paula, bureau, "reopen", new("field", "list:1:list-only"), new("field", "list:1:preferences"));
        Assert.Contains("data-entry-state=\"AwaitingFirst\"", reopened.Page, StringComparison.Ordinal);
        string typing = await GetAsync(client, anna, bureau);
        Assert.Contains("name=\"list:1:preferences\"", typing, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"R\"", typing, StringComparison.Ordinal);
        await EnterTwiceAsync(client, anna, bert, bureau, new() { ["list:1:list-only"] = "0", ["list:1:preferences"] = "2" });
        var relocked = await PostAsync(client, paula, bureau, "lock");
        Assert.Equal(HttpStatusCode.OK, relocked.Status);
        Assert.Equal(2, await infra.ScalarAsync<int>("SELECT version FROM tally_lock WHERE bureau_id = $1", bureau));
        Assert.Contains("data-version=\"1\"", relocked.Page, StringComparison.Ordinal);
        Assert.Contains("list:1:preferences=2", await infra.ScalarAsync<string>("SELECT snapshot FROM tally_lock WHERE bureau_id = $1", bureau), StringComparison.Ordinal);
        Assert.Contains("list:1:list-only=2", await infra.ScalarAsync<string>("SELECT snapshot FROM tally_unlocked WHERE bureau_id = $1", bureau), StringComparison.Ordinal);

        // W.203: the main bureau's sheet typed identical to the locked one — entered twice?
        await RegisterAsync(counting, setup, setup.MainKey, ("valid", 2));
        var carl = TestInfrastructure.StaffFormSession(station, await infra.NewStaffAsync(StaffRole.CountingTypist, setup.Main, setup.ElectionId));
        var dora = TestInfrastructure.StaffFormSession(station, await infra.NewStaffAsync(StaffRole.CountingTypist, setup.Main, setup.ElectionId));
        await EnterTwiceAsync(client, carl, dora, setup.Main, new Dictionary<string, string>(sheet) { ["list:1:list-only"] = "0", ["list:1:preferences"] = "2" });
        Assert.Contains("data-check=\"W.203\"", await GetAsync(client, chief, setup.Main), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_ShowsBureausPerState_ToTheOrganiserAndTheAuditor_AsAPageAndCsv_NeverToATypist()
    {
        var setup = await infra.NewCountingElectionAsync();
        var station = infra.Function<TallyService>();
        using var client = TestInfrastructure.Client(station);
        var anna = TestInfrastructure.StaffFormSession(station, await infra.NewStaffAsync(StaffRole.CountingTypist, setup.Second, setup.ElectionId));
        var organiser = TestInfrastructure.StaffFormSession(station, await infra.NewStaffAsync(StaffRole.Organiser, null, setup.ElectionId));
        var auditor = TestInfrastructure.StaffFormSession(station, await infra.NewStaffAsync(StaffRole.Auditor, null, setup.ElectionId));
        await PostAsync(client, anna, setup.Second, "entry", [.. Sheet(("R", 1))]);

        Assert.Equal(HttpStatusCode.Forbidden, (await TestInfrastructure.SendAsync(client, HttpMethod.Get, "/counting", anna.Cookies)).StatusCode);
        foreach (var watcher in new[] { organiser, auditor })
        {
            var page = await TestInfrastructure.SendAsync(client, HttpMethod.Get, "/counting", watcher.Cookies);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains($"data-election=\"{setup.ElectionId}\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var csv = await TestInfrastructure.SendAsync(client, HttpMethod.Get, "/counting/progress.csv", watcher.Cookies);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
            string[] lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n");
            Assert.Equal(CountingProgressLine.CsvHeader, lines[0]);
            // Brabant wallon: 2 bureaus, 1 not started, 1 waiting for its second entry; Vlaams-Brabant: 1 not started.
            Assert.Equal([$"{setup.ElectionId},BW,Brabant wallon,2,1,0,1,0,0,0,0", $"{setup.ElectionId},VB,Vlaams-Brabant,1,1,0,0,0,0,0,0", string.Empty], lines[1..]);
        }
    }

    // Registers codes of the election's Brabant wallon at a bureau: per class, that many new codes.
    private async Task RegisterAsync(HttpClient counting, CountingSetup setup, string key, params (string Class, int Count)[] classes)
    {
        var ballots = classes.SelectMany(c => Enumerable.Range(0, c.Count).Select(_ => (KCode.Issue(new(setup.ElectionId, "BW"), infra.Keys.KCodeMac), c.Class, Guid.NewGuid().ToString("N")))).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await RegistrationTests.Register(counting, key, ballots)).StatusCode);
    }

    private TallyStore Tallies() => new(infra.Db, new AuditLog(TimeProvider.System));

    // A sheet with every field 0 except those named.
    private static Dictionary<string, string> Sheet(params (string Field, long Value)[] values) =>
        Fields.ToDictionary(f => f, f => values.FirstOrDefault(v => v.Field == f).Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    // The open fields entered the same by two typists.
    private static async Task EnterTwiceAsync(HttpClient client, (string Cookies, string Token) first, (string Cookies, string Token) second, string bureau, Dictionary<string, string> sheet)
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, first, bureau, "entry", [.. sheet])).Status);
        var done = await PostAsync(client, second, bureau, "entry", [.. sheet]);
        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Contains("data-entry-state=\"Definitive\"", done.Page, StringComparison.Ordinal);
    }

    private static async Task<string> GetAsync(HttpClient client, (string Cookies, string Token) session, string bureau)
    {
        var response = await TestInfrastructure.SendAsync(client, HttpMethod.Get, "/counting/" + bureau, session.Cookies);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<(HttpStatusCode Status, string Page)> PostAsync(HttpClient client, (string Cookies, string Token) session, string bureau, string action, params KeyValuePair<string, string>[] fields)
    {
        var response = await TestInfrastructure.PostFormAsync(client, $"/counting/{bureau}/{action}", session, fields);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
