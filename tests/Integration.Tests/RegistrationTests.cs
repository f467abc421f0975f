using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HybridVote.BallotRegistration;
using HybridVote.Domain;

namespace HybridVote.Integration.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class RegistrationTests(TestInfrastructure infra)
{
    [Fact]
    public async Task Register_BeforeInPersonClose_Is409AndWritesNothing()
    {
        using var client = TestInfrastructure.Client(infra.Function<RegistrationService>());
        string code = KCode.Issue(new(TestInfrastructure.OpenElection, "BW"), infra.Keys.KCodeMac);
        var response = await Register(client, TestInfrastructure.BwCountingKey, code);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM registered_ballot WHERE election_id = 'T1'"));
    }

    [Fact]
    public async Task Register_AfterClose_FirstWinsAndLaterOnesAreCopies()
    {
        using var client = TestInfrastructure.Client(infra.Function<RegistrationService>());
        string code = KCode.Issue(new(TestInfrastructure.CountingElection, "BW"), infra.Keys.KCodeMac);
        Assert.Equal(["registered"], await Results(await Register(client, TestInfrastructure.CountingBureauKey, code)));
        Assert.Equal(["copy"], await Results(await Register(client, TestInfrastructure.CountingBureauKey, code.ToLowerInvariant().Replace('1', 'l'))));
        byte[] hash = infra.Pseudonyms.KCodeHash(TestInfrastructure.CountingElection, code.Replace("-", string.Empty, StringComparison.Ordinal));
        // A copy waits for the president: it changes the voter's status only once confirmed.
        Assert.Equal(1, await infra.ScalarAsync<int>("SELECT copies FROM registered_ballot WHERE kcode_hash = $1", hash));
        Assert.Equal(1L, await infra.ScalarAsync<long>("SELECT count(*) FROM registration_entry WHERE kcode_hash = $1 AND result = 'copy' AND decision IS NULL", hash));
        Assert.False(await infra.DatabaseContainsAsync(code.Replace("-", string.Empty, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Register_BatchWithAnInvalidCodeOrClassification_Is422AndRegistersNone()
    {
        using var client = TestInfrastructure.Client(infra.Function<RegistrationService>());
        string good = KCode.Issue(new(TestInfrastructure.CountingElection, "BW"), infra.Keys.KCodeMac);
        string otherElection = KCode.Issue(new(TestInfrastructure.OpenElection, "BW"), infra.Keys.KCodeMac);
        string otherConstituency = KCode.Issue(new(TestInfrastructure.CountingElection, "VB"), infra.Keys.KCodeMac);
        var request = new HttpRequestMessage(HttpMethod.Post, "/registration/ballots")
        {
            Content = JsonContent.Create(new { ballots = new[] { new { kCode = good, classification = "valid", entryId = "i-1" }, new { kCode = otherElection, classification = "valid", entryId = "i-2" }, new { kCode = good, classification = "maybe", entryId = "i-3" }, new { kCode = otherConstituency, classification = "valid", entryId = "i-4" } } }),
        };
        request.Headers.Add("X-Bureau-Key", TestInfrastructure.CountingBureauKey);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("ballots[1]", out _));
        Assert.True(errors.TryGetProperty("ballots[2]", out _));
        // A ballot of Vlaams-Brabant in a Brabant wallon bureau's box is refused with the reason.
        Assert.Contains("another constituency (VB)", errors.GetProperty("ballots[3]")[0].GetString(), StringComparison.Ordinal);
        byte[] hash = infra.Pseudonyms.KCodeHash(TestInfrastructure.CountingElection, good.Replace("-", string.Empty, StringComparison.Ordinal));
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM registered_ballot WHERE kcode_hash = $1", hash));
    }

    [Fact]
    public async Task Register_UnknownBureau_Is401()
    {
        using var client = TestInfrastructure.Client(infra.Function<RegistrationService>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Register(client, "nobody-knows-this-key", "X")).StatusCode);
    }

    [Fact]
    public async Task OverlappingBatches_InOppositeOrders_AllRegister_WithoutDeadlock()
    {
        using var client = TestInfrastructure.Client(infra.Function<RegistrationService>());
        var codes = Enumerable.Range(0, 200).Select(_ => KCode.Issue(new(TestInfrastructure.CountingElection, "BW"), infra.Keys.KCodeMac)).ToList();
        HttpRequestMessage Batch(IEnumerable<string> batch)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/registration/ballots")
            {
                Content = JsonContent.Create(new { ballots = batch.Select(c => new { kCode = c, classification = "valid", entryId = Guid.NewGuid().ToString("N") }).ToArray() }),
            };
            request.Headers.Add("X-Bureau-Key", TestInfrastructure.CountingBureauKey);
            return request;
        }

        for (int round = 0; round < 3; round++)
        {
            var answers = await Task.WhenAll(client.SendAsync(Batch(codes)), client.SendAsync(Batch(Enumerable.Reverse(codes))));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        }

        var hashes = codes.Select(c => infra.Pseudonyms.KCodeHash(TestInfrastructure.CountingElection, c.Replace("-", string.Empty, StringComparison.Ordinal))).ToArray();
        Assert.Equal((long)codes.Count, await infra.ScalarAsync<long>("SELECT count(*) FROM registered_ballot WHERE kcode_hash = ANY($1)", (object)hashes));
        Assert.Equal(6L * codes.Count, await infra.ScalarAsync<long>("SELECT count(*) FROM registration_entry WHERE kcode_hash = ANY($1)", (object)hashes));
        Assert.Equal(5L * codes.Count, await infra.ScalarAsync<long>("SELECT count(*) FROM registration_entry WHERE kcode_hash = ANY($1) AND result = 'copy'", (object)hashes));
    }

    [Fact]
    public async Task Register_RetriedWithTheSameEntryIds_GetsTheFirstAnswer_AndCountsNothingAgain_AnEntryIdReusedForAnotherCodeIs409()
    {
        using var client = TestInfrastructure.Client(infra.Function<RegistrationService>());
        string a = KCode.Issue(new(TestInfrastructure.CountingElection, "BW"), infra.Keys.KCodeMac), b = KCode.Issue(new(TestInfrastructure.CountingElection, "BW"), infra.Keys.KCodeMac);
        string run = Guid.NewGuid().ToString("N");
        var first = await Register(client, TestInfrastructure.CountingBureauKey, [(a, run + "-1"), (b, run + "-2")]);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var retry = await Register(client, TestInfrastructure.CountingBureauKey, [(a, run + "-1"), (b, run + "-2")]);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(["registered", "registered"], await Results(retry));
        byte[] hash = infra.Pseudonyms.KCodeHash(TestInfrastructure.CountingElection, a.Replace("-", string.Empty, StringComparison.Ordinal));
        Assert.Equal(1, await infra.ScalarAsync<int>("SELECT copies FROM registered_ballot WHERE kcode_hash = $1", hash));

        // The same code registered again under a new entry id is a copy; an entry id reused for another code is refused.
        Assert.Equal(["copy"], await Results(await Register(client, TestInfrastructure.CountingBureauKey, [(a, run + "-3")])));
        var reused = await Register(client, TestInfrastructure.CountingBureauKey, [(KCode.Issue(new(TestInfrastructure.CountingElection, "BW"), infra.Keys.KCodeMac), run + "-1")]);
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Equal(2L, await infra.ScalarAsync<long>("SELECT count(*) FROM registration_entry WHERE kcode_hash = $1", hash));
    }

    internal static Task<HttpResponseMessage> Register(HttpClient client, string bureauKey, string code) =>
        Register(client, bureauKey, [(code, Guid.NewGuid().ToString("N"))]);

    private static Task<HttpResponseMessage> Register(HttpClient client, string bureauKey, (string Code, string EntryId)[] ballots) =>
        Register(client, bureauKey, [.. ballots.Select(b => (b.Code, "valid", b.EntryId))]);

    /// <summary>Registers ballots with their classification codes and entry ids.</summary>
    internal static Task<HttpResponseMessage> Register(HttpClient client, string bureauKey, (string Code, string Classification, string EntryId)[] ballots)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/registration/ballots")
        {
            Content = JsonContent.Create(new { ballots = ballots.Select(b => new { kCode = b.Code, classification = b.Classification, entryId = b.EntryId }).ToArray() }),
        };
        request.Headers.Add("X-Bureau-Key", bureauKey);
        return client.SendAsync(request);
    }

    private static async Task<string[]> Results(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().Select(e => e.GetString()!).ToArray();
}
