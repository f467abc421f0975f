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
    public async Task TwoTypists_OneDifference_ThePresidentDecides_TheSheetIsDefinitive_AndItsChecksPass()
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
        var sheet = fields.ToDictionary(f => f, f => f is "R" or "class:valid" or "V" or "list:1:total" or "list:1:list-only" ? "10" : "0");

        var first = await EnterAsync(client, anna, sheet);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains("data-entry-state=\"AwaitingSecond\"", first.Page, StringComparison.Ordinal);
        // SEC016: the same typist cannot make the second entry.
        var again = await EnterAsync(client, anna, sheet);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("data-problem=\"SameTypist\"", again.Page, StringComparison.Ordinal);

        // Blind: the second typist sees the fields, never the first entry's values.
        string blind = await GetAsync(client, bert);
        Assert.DoesNotContain("value=\"10\"", blind, StringComparison.Ordinal);
        var second = await EnterAsync(client, bert, new Dictionary<string, string>(sheet) { ["list:1:list-only"] = "9" });
        Assert.Contains("data-entry-state=\"Differences\"", second.Page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-field=", second.Page, StringComparison.Ordinal);

        // A typist cannot decide; the president sees both values side by side and decides from the paper.
        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(client, bert, "list:1:list-only", "10")).Status);
        string president = await GetAsync(client, paula);
        Assert.Contains("data-field=\"list:1:list-only\"", president, StringComparison.Ordinal);
        var decided = await DecideAsync(client, paula, "list:1:list-only", "10");
        Assert.Equal(HttpStatusCode.OK, decided.Status);
        Assert.Contains("data-entry-state=\"Definitive\"", decided.Page, StringComparison.Ordinal);
        Assert.Contains("data-checks=\"pass\"", decided.Page, StringComparison.Ordinal);

        var stored = (await new TallyStore(infra.Db, new AuditLog(TimeProvider.System)).LoadAsync("BW-001"))!.Entry;
        Assert.NotNull(stored.Settled["list:1:list-only"].President);
        Assert.Equal(10L, stored.Values!["list:1:list-only"]);
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
