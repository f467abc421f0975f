using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HybridVote.BallotRegistration;
using HybridVote.Domain;
using HybridVote.StatusQuery;
using Microsoft.AspNetCore.Hosting;

namespace HybridVote.Integration.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class StatusQueryTests(TestInfrastructure infra)
{
    [Fact]
    public async Task Envelopes_ForTheSessionVoter_AreListedPerElection()
    {
        var status = infra.Function<StatusService>();
        var (_, voterKey) = await infra.NewVoterAsync("BW", "T1", "T2");
        using var client = TestInfrastructure.Client(status);
        var response = await Get(client, "/status/api/envelopes", TestInfrastructure.SessionCookie(status, voterKey));
        var list = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, list.GetArrayLength());
        // Statuses are words, as in the ballot answers, not enum numbers.
        Assert.All(list.EnumerateArray(), e => Assert.Equal("not-received", e.GetProperty("state").GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(client, "/status/api/envelopes", null)).StatusCode);
    }

    [Theory]
    [InlineData("7KQ2-9MXD", "kcode-malformed")]
    [InlineData("", "kcode-malformed")]
    public async Task Ballot_MalformedCode_Is422WithAClearCode(string typed, string code)
    {
        var status = infra.Function<StatusService>();
        var (_, voterKey) = await infra.NewVoterAsync();
        using var client = TestInfrastructure.Client(status);
        var response = await PostBallot(client, TestInfrastructure.SessionCookie(status, voterKey), typed);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Ballot_TypoOrForgery_AreTold_ValidCodeIsNotCountedYet_EvenOnceRegistered()
    {
        var status = infra.Function<StatusService>();
        var registration = infra.Function<RegistrationService>();
        var (_, voterKey) = await infra.NewVoterAsync();
        using var client = TestInfrastructure.Client(status);
        string cookie = TestInfrastructure.SessionCookie(status, voterKey);
        string code = KCode.Issue(new(TestInfrastructure.CountingElection, "BW"), infra.Keys.KCodeMac);
        string typo = code[..^1] + (code[^1] == '0' ? '1' : '0');
        Assert.Equal("kcode-typo", await ProblemCode(await PostBallot(client, cookie, typo)));
        Assert.Equal("kcode-unknown", await ProblemCode(await PostBallot(client, cookie, KCode.Issue(new("NOT-AN-ELECTION", "BW"), infra.Keys.KCodeMac))));
        Assert.Equal("not-counted", await StatusOf(await PostBallot(client, cookie, code)));

        // Registered, the ballot is not "counted" until its bureau's president locks the figures (CountingStationTests).
        using var counting = TestInfrastructure.Client(registration);
        (await RegistrationTests.Register(counting, TestInfrastructure.CountingBureauKey, code)).EnsureSuccessStatusCode();
        Assert.Equal("not-counted", await StatusOf(await PostBallot(client, cookie, code)));
    }

    [Fact]
    public async Task StatusPage_ShowsEnvelopeAndBallotStatusInTheVoterLanguage()
    {
        var status = infra.Function<StatusService>();
        var (_, voterKey) = await infra.NewVoterAsync();
        using var client = TestInfrastructure.Client(status);
        string cookie = TestInfrastructure.SessionCookie(status, voterKey, Language.Nl);
        string page = await (await Get(client, "/status", cookie)).Content.ReadAsStringAsync();
        Assert.Contains("data-status=\"not-received\"", page, StringComparison.Ordinal);
        Assert.Contains("Nog niet ontvangen.", page, StringComparison.Ordinal);
        var checkedPage = await TestInfrastructure.PostFormAsync(client, "/status", TestInfrastructure.FormSession(status, voterKey, Language.Nl), new KeyValuePair<string, string>("kcode", "nonsense"));
        Assert.Contains("data-status=\"invalid\"", await checkedPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_WithRedisDown_StillAnswersFromPostgreSql()
    {
        var status = infra.Function<StatusService>(redis: "127.0.0.1:1");
        var (_, voterKey) = await infra.NewVoterAsync();
        using var client = TestInfrastructure.Client(status);
        string cookie = TestInfrastructure.SessionCookie(status, voterKey);
        var response = await Get(client, "/status/api/envelopes", cookie);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
        string code = KCode.Issue(new(TestInfrastructure.OpenElection, "BW"), infra.Keys.KCodeMac);
        Assert.Equal("not-counted", await StatusOf(await PostBallot(client, cookie, code)));
    }

    [Fact]
    public async Task Ballot_BeyondTheSessionLimit_Is429WithRetryAfter_OtherSessionsUnaffected()
    {
        var status = infra.Function<StatusService>().WithWebHostBuilder(b => b.UseSetting("CheckLimits:PerSession", "3"));
        var (_, voterKey) = await infra.NewVoterAsync();
        var (_, otherKey) = await infra.NewVoterAsync();
        using var client = TestInfrastructure.Client(status);
        string cookie = TestInfrastructure.SessionCookie(status, voterKey);
        string code = KCode.Issue(new(TestInfrastructure.OpenElection, "BW"), infra.Keys.KCodeMac);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostBallot(client, cookie, code)).StatusCode);
        }

        var refused = await PostBallot(client, cookie, code);
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("too-many-checks", await ProblemCode(refused));
        var page = await TestInfrastructure.PostFormAsync(client, "/status", TestInfrastructure.FormSession(status, voterKey), new KeyValuePair<string, string>("kcode", code));
        Assert.Contains("data-status=\"too-many\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await PostBallot(client, TestInfrastructure.SessionCookie(status, otherKey), code)).StatusCode);
    }

    private static Task<HttpResponseMessage> Get(HttpClient client, string path, string? cookie) =>
        TestInfrastructure.SendAsync(client, HttpMethod.Get, path, cookie);

    internal static Task<HttpResponseMessage> PostBallot(HttpClient client, string cookie, string code) =>
        TestInfrastructure.SendAsync(client, HttpMethod.Post, "/status/api/ballot", cookie, JsonContent.Create(new { kCode = code }));

    private static async Task<string?> ProblemCode(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

    internal static async Task<string?> StatusOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
}
