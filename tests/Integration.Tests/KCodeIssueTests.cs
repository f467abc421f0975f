using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HybridVote.Domain;
using HybridVote.KCodeIssue;

namespace HybridVote.Integration.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class KCodeIssueTests(TestInfrastructure infra)
{
    [Fact]
    public async Task Print_WithSession_IssuesAValidCodeStoredNowhere()
    {
        var factory = infra.Function<KCodeService>();
        var (_, voterKey) = await infra.NewVoterAsync();
        using var client = TestInfrastructure.Client(factory);
        var response = await Send(client, "/print/api", TestInfrastructure.SessionCookie(factory, voterKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var codes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes");
        string code = codes[0].GetProperty("kCode").GetString()!;
        Assert.IsType<KCodeCheck.Valid>(KCode.Check(code, [new(TestInfrastructure.OpenElection, "BW")], infra.Keys.KCodeMac));
        Assert.Equal(1, await infra.ScalarAsync<int>("SELECT print_count FROM envelope WHERE voter_key = $1", voterKey));
        Assert.True(await infra.ScalarAsync<bool>("SELECT label_token_sealed IS NOT NULL FROM envelope WHERE voter_key = $1", voterKey));
        Assert.False(await infra.DatabaseContainsAsync(code.Replace("-", string.Empty, StringComparison.Ordinal)));
        Assert.False(await infra.DatabaseContainsAsync(code));
    }

    [Fact]
    public async Task Print_Twice_KeepsTheLabelTokenAndCountsBothPrints()
    {
        var factory = infra.Function<KCodeService>();
        var (_, voterKey) = await infra.NewVoterAsync();
        using var client = TestInfrastructure.Client(factory);
        string cookie = TestInfrastructure.SessionCookie(factory, voterKey);
        await Send(client, "/print/api", cookie);
        byte[] token = await infra.ScalarAsync<byte[]>("SELECT label_token_hash FROM envelope WHERE voter_key = $1", voterKey);
        await Send(client, "/print/api", cookie);
        Assert.Equal(2, await infra.ScalarAsync<int>("SELECT print_count FROM envelope WHERE voter_key = $1", voterKey));
        Assert.Equal(token, await infra.ScalarAsync<byte[]>("SELECT label_token_hash FROM envelope WHERE voter_key = $1", voterKey));
    }

    [Fact]
    public async Task PrintPage_WithSession_ShowsTheCodeAndTheDownloads()
    {
        var factory = infra.Function<KCodeService>();
        var (_, voterKey) = await infra.NewVoterAsync();
        using var client = TestInfrastructure.Client(factory);
        var response = await TestInfrastructure.PostFormAsync(client, "/print", TestInfrastructure.FormSession(factory, voterKey));
        string html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("class=\"kcode\"", html, StringComparison.Ordinal);
        Assert.Contains("/ballots/label/T1", html, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Print_WithoutOrWithExpiredSession_Is401AndWritesNothing()
    {
        var factory = infra.Function<KCodeService>();
        var (_, voterKey) = await infra.NewVoterAsync();
        using var client = TestInfrastructure.Client(factory);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(client, "/print/api", null)).StatusCode);
        var expired = TestInfrastructure.SessionCookie(factory, voterKey, expires: DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(client, "/print/api", expired)).StatusCode);
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM envelope WHERE voter_key = $1 AND print_count > 0", voterKey));
    }

    [Fact]
    public async Task Print_VoterNotOnTheHybridList_Is403()
    {
        var factory = infra.Function<KCodeService>();
        using var client = TestInfrastructure.Client(factory);
        var stranger = TestInfrastructure.SessionCookie(factory, infra.Pseudonyms.VoterKey(NationalNumber.Compose(700101, 1, false)));
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(client, "/print/api", stranger)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(client, "/print/api", TestInfrastructure.SessionCookie(factory, null))).StatusCode);
    }

    [Fact]
    public async Task Print_OutsideTheIssueWindow_Is409AndWritesNothing()
    {
        var factory = infra.Function<KCodeService>();
        var (_, voterKey) = await infra.NewVoterAsync("BW", TestInfrastructure.CountingElection);
        using var client = TestInfrastructure.Client(factory);
        var response = await Send(client, "/print/api", TestInfrastructure.SessionCookie(factory, voterKey));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM envelope WHERE voter_key = $1 AND print_count > 0", voterKey));
    }

    internal static Task<HttpResponseMessage> Send(HttpClient client, string path, string? cookie) =>
        TestInfrastructure.SendAsync(client, HttpMethod.Post, path, cookie, new FormUrlEncodedContent([]));
}
