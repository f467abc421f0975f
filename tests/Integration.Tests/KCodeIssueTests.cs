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
    public async Task PrintPage_RedirectsToTheCodes_AReloadOrAnotherLanguageShowsTheSameCode_NeverANewOne()
    {
        var factory = infra.Function<KCodeService>();
        var (_, voterKey) = await infra.NewVoterAsync();
        using var client = TestInfrastructure.Client(factory);
        var session = TestInfrastructure.FormSession(factory, voterKey);
        var response = await TestInfrastructure.PostFormAsync(client, "/print", session);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/print", response.Headers.Location?.OriginalString);
        string shown = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hv_kcode=", StringComparison.Ordinal));
        Assert.Contains("httponly", shown, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/print", shown, StringComparison.OrdinalIgnoreCase);
        string kcodeCookie = shown.Split(';')[0];

        string first = await PageAsync(client, $"{session.Cookies}; {kcodeCookie}");
        string code = KCodeOn(first);
        Assert.Contains("/ballots/label/T1", first, StringComparison.Ordinal);
        Assert.Equal(code, KCodeOn(await PageAsync(client, $"{session.Cookies}; {kcodeCookie}")));
        Assert.Equal(code, KCodeOn(await PageAsync(client, $"{session.Cookies}; {kcodeCookie}; hv_lang=nl")));
        Assert.Equal(1, await infra.ScalarAsync<int>("SELECT print_count FROM envelope WHERE voter_key = $1", voterKey));

        // The cookie holds the code encrypted: neither the database nor the cookie shows it in clear.
        Assert.DoesNotContain(code.Replace("-", string.Empty, StringComparison.Ordinal), kcodeCookie, StringComparison.Ordinal);
        Assert.False(await infra.DatabaseContainsAsync(code.Replace("-", string.Empty, StringComparison.Ordinal)));

        // Another voter's session cannot read it, and without the cookie the page explains instead.
        var (_, otherKey) = await infra.NewVoterAsync();
        string other = await PageAsync(client, $"{TestInfrastructure.FormSession(factory, otherKey).Cookies}; {kcodeCookie}");
        Assert.DoesNotContain(code, other, StringComparison.Ordinal);
        Assert.Contains("data-kcode=\"gone\"", other, StringComparison.Ordinal);
        Assert.Contains("data-kcode=\"gone\"", await PageAsync(client, session.Cookies), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondPrint_IsAskedAboutFirst_SaysOnlyTheFirstEnvelopeCounts_ThenIssuesANewCode()
    {
        var factory = infra.Function<KCodeService>();
        var (_, voterKey) = await infra.NewVoterAsync();
        using var client = TestInfrastructure.Client(factory);
        var session = TestInfrastructure.FormSession(factory, voterKey, Language.Nl);
        Assert.Equal(HttpStatusCode.SeeOther, (await TestInfrastructure.PostFormAsync(client, "/print", session)).StatusCode);

        var ask = await TestInfrastructure.PostFormAsync(client, "/print", session);
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        string question = await ask.Content.ReadAsStringAsync();
        Assert.Contains(HybridVote.Pages.PageText.Get(Language.Nl, "reprint-first-counts"), question, StringComparison.Ordinal);
        Assert.Contains("name=\"again\" value=\"yes\"", question, StringComparison.Ordinal);
        Assert.Contains("Verkiezing T1", question, StringComparison.Ordinal);
        Assert.Equal(1, await infra.ScalarAsync<int>("SELECT print_count FROM envelope WHERE voter_key = $1", voterKey));

        var again = await TestInfrastructure.PostFormAsync(client, "/print", session, new KeyValuePair<string, string>("again", "yes"));
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.Equal(2, await infra.ScalarAsync<int>("SELECT print_count FROM envelope WHERE voter_key = $1", voterKey));
    }

    private static async Task<string> PageAsync(HttpClient client, string cookies)
    {
        var response = await TestInfrastructure.SendAsync(client, HttpMethod.Get, "/print", cookies);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        return await response.Content.ReadAsStringAsync();
    }

    private static string KCodeOn(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "class=\"kcode\"[^>]*>([^<]+)<").Groups[1].Value;

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
