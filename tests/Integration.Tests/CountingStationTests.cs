using System.Net;
using HybridVote.CountingStation;
using HybridVote.Domain;
using HybridVote.Storage;

namespace HybridVote.Integration.Tests;

/// <summary>A counting bureau's tally sheet by blind double entry, through the pages, on PostgreSQL (REQUIREMENTS §6, SEC016).</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class CountingStationTests(TestInfrastructure infra)
{
    [Fact]
    public async Task TwoTypists_OneDifference_ThePresidentDecides_ExplainsTheWarning_AndLocks_ThenNothingChanges()
    {
        var station = infra.Function<TallyService>();
        using var client = TestInfrastructure.Client(station);
        var anna = TestInfrastructure.StaffFormSession(station, await StaffAsync(StaffRole.CountingTypist));
        var bert = TestInfrastructure.StaffFormSession(station, await StaffAsync(StaffRole.CountingTypist));
        var paula = TestInfrastructure.StaffFormSession(station, await StaffAsync(StaffRole.President));

        // T1's Brabant wallon: list 1 with 2 effective and 1 substitute candidate, list 2 with 1.
        string page = await GetAsync(client, anna);
        var fields = new[] { "R", "class:valid", "class:doubtful-validated", "class:doubtful-cancelled", "class:blank-or-invalid", "class:rejected-voted-in-person", "V",
            "list:1:total", "list:1:list-only", "list:1:preferences", "list:1:e1", "list:1:e2", "list:1:s1", "list:2:total", "list:2:list-only", "list:2:preferences", "list:2:e1" };
        Assert.All(fields, f => Assert.Contains($"name=\"{f}\"", page, StringComparison.Ordinal));
        Assert.Contains("Dupont Élodie", page, StringComparison.Ordinal);
        // R 10 = 9 valid + 1 blank: 10 % blank, so warning W.201 (≥ 3 %) needs the president's explanation.
        var sheet = fields.ToDictionary(f => f, f => f switch { "R" => "10", "class:blank-or-invalid" => "1", "class:valid" or "V" or "list:1:total" or "list:1:list-only" => "9", _ => "0" });

        var first = await EnterAsync(client, anna, sheet);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains("data-entry-state=\"AwaitingSecond\"", first.Page, StringComparison.Ordinal);
        // SEC016: the same typist cannot make the second entry.
        var again = await EnterAsync(client, anna, sheet);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("data-problem=\"SameTypist\"", again.Page, StringComparison.Ordinal);

        // Blind: the second typist sees the fields, never the first entry's values.
        string blind = await GetAsync(client, bert);
        Assert.DoesNotContain("value=\"9\"", blind, StringComparison.Ordinal);
        var second = await EnterAsync(client, bert, new Dictionary<string, string>(sheet) { ["list:1:list-only"] = "8" });
        Assert.Contains("data-entry-state=\"Differences\"", second.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-field=", second.Page, StringComparison.Ordinal);

        // A typist cannot decide; the president sees both values side by side and decides from the paper.
        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(client, bert, "list:1:list-only", "9")).Status);
        string president = await GetAsync(client, paula);
        Assert.Contains("data-field=\"list:1:list-only\"", president, StringComparison.Ordinal);
        var decided = await DecideAsync(client, paula, "list:1:list-only", "9");
        Assert.Equal(HttpStatusCode.OK, decided.Status);
        Assert.Contains("data-entry-state=\"Definitive\"", decided.Page, StringComparison.Ordinal);
        Assert.Contains("data-check=\"W.201\"", decided.Page, StringComparison.Ordinal);

        var stored = (await new TallyStore(infra.Db, new AuditLog(TimeProvider.System)).LoadAsync("BW-001"))!.Entry;
        Assert.NotNull(stored.Settled["list:1:list-only"].President);
        Assert.Equal(9L, stored.Values!["list:1:list-only"]);

        // The lock waits for the warning's explanation; then it freezes the snapshot and its SHA-256.
        var unexplained = await TestInfrastructure.PostFormAsync(client, "/counting/BW-001/lock", paula, new KeyValuePair<string, string>("explain:W.201", " "));
        Assert.Equal(HttpStatusCode.Conflict, unexplained.StatusCode);
        Assert.Contains("data-problem=\"WarningsUnexplained\"", await unexplained.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var locked = await TestInfrastructure.PostFormAsync(client, "/counting/BW-001/lock", paula, new KeyValuePair<string, string>("explain:W.201", "Une urne contenait un bulletin déchiré."));
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("data-locked=\"true\"", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        string snapshot = await infra.ScalarAsync<string>("SELECT snapshot FROM tally_lock WHERE bureau_id = 'BW-001'");
        Assert.Contains("W.201: Une urne contenait un bulletin déchiré.", snapshot, StringComparison.Ordinal);
        Assert.Equal(TallyLock.Hash(snapshot), await infra.ScalarAsync<string>("SELECT sha256 FROM tally_lock WHERE bureau_id = 'BW-001'"));
        Assert.Equal(1L, await infra.ScalarAsync<long>("SELECT count(*) FROM audit_event WHERE action = 'tally.lock' AND subject = 'BW-001'"));

        // After the lock every change is refused with 423.
        var afterLock = await TestInfrastructure.PostFormAsync(client, "/counting/BW-001/decide", paula, new("field", "R"), new("value", "1"));
        Assert.Equal(HttpStatusCode.Locked, afterLock.StatusCode);
        Assert.Equal(HttpStatusCode.Locked, (await TestInfrastructure.PostFormAsync(client, "/counting/BW-001/lock", paula, new KeyValuePair<string, string>("explain:W.201", "x"))).StatusCode);
    }

    private Task<byte[]> StaffAsync(StaffRole role) => infra.NewStaffAsync(role, "BW-001");

    private static async Task<string> GetAsync(HttpClient client, (string Cookies, string Token) session)
    {
        var response = await TestInfrastructure.SendAsync(client, HttpMethod.Get, "/counting/BW-001", session.Cookies);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<(HttpStatusCode Status, string Page)> EnterAsync(HttpClient client, (string Cookies, string Token) session, Dictionary<string, string> sheet)
    {
        var response = await TestInfrastructure.PostFormAsync(client, "/counting/BW-001/entry", session, [.. sheet]);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(HttpStatusCode Status, string Page)> DecideAsync(HttpClient client, (string Cookies, string Token) session, string field, string value)
    {
        var response = await TestInfrastructure.PostFormAsync(client, "/counting/BW-001/decide", session, new("field", field), new("value", value));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
