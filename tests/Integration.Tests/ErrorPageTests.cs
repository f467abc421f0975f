using System.Net;
using HybridVote.Domain;
using HybridVote.BallotRender;
using HybridVote.KCodeIssue;
using HybridVote.Pages;
using HybridVote.StatusQuery;
using HybridVote.VoterHome;
using Microsoft.AspNetCore.Hosting;

namespace HybridVote.Integration.Tests;

/// <summary>
/// Errors reach a browser as a page in the visitor's language with a way back, and an API client as
/// problem details (FR004): the Accept header decides, in every function.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ErrorPageTests(TestInfrastructure infra)
{
    [Fact]
    public async Task UnknownPath_ForABrowser_IsA404PageInItsLanguageWithAWayBack()
    {
        using var client = TestInfrastructure.Client(infra.Function<HomeService>());
        var response = await SendAsync(client, HttpMethod.Get, "/no/such/page", "text/html,application/xhtml+xml", "hv_lang=nl");
        await AssertDutchPageAsync(response, HttpStatusCode.NotFound, "error-404-title");
    }

    [Fact]
    public async Task UnknownPath_ForAnApiClient_IsProblemDetails()
    {
        using var client = TestInfrastructure.Client(infra.Function<StatusService>());
        var response = await SendAsync(client, HttpMethod.Get, "/status/api/nothing-here", "application/json", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PageWithoutASession_ForABrowser_Is401SayingSo_WithTheLoginForThatPage()
    {
        using var status = TestInfrastructure.Client(infra.Function<StatusService>());
        var response = await SendAsync(status, HttpMethod.Get, "/status", "text/html", "hv_lang=nl");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        string page = await response.Content.ReadAsStringAsync();
        Assert.Contains(PageText.Get(Language.Nl, "login-required"), page, StringComparison.Ordinal);
        Assert.Contains("href=\"/auth/login\"", page, StringComparison.Ordinal);

        using var station = TestInfrastructure.Client(infra.Function<HybridVote.ReceptionStation.StationService>());
        string staff = await (await SendAsync(station, HttpMethod.Get, "/reception", "text/html", null)).Content.ReadAsStringAsync();
        Assert.Contains("href=\"/auth/staff\"", staff, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/auth/login\"", staff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongMethod_ForABrowser_IsA405PageInGerman()
    {
        using var client = TestInfrastructure.Client(infra.Function<KCodeService>());
        var response = await SendAsync(client, HttpMethod.Get, "/print/api", "text/html", "hv_lang=de");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        string page = await response.Content.ReadAsStringAsync();
        Assert.Contains(PageText.Get(Language.De, "error-405-title"), page, StringComparison.Ordinal);
        Assert.DoesNotContain("\"status\":", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueClosed_ForAVoter_IsA409PageSayingSo()
    {
        var factory = infra.Function<KCodeService>();
        var (_, voterKey) = await infra.NewVoterAsync("BW", TestInfrastructure.CountingElection);
        using var client = TestInfrastructure.Client(factory);
        var response = await TestInfrastructure.PostFormAsync(client, "/print", TestInfrastructure.FormSession(factory, voterKey, Language.Nl));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(PageText.Get(Language.Nl, "issue-closed"), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatabaseDown_ForABrowser_IsAnErrorPageNotJson()
    {
        // The public blank ballot needs no session, so the request reaches the database.
        var broken = infra.Function<BallotService>().WithWebHostBuilder(b => b.UseSetting("HybridVote:Database", "Host=127.0.0.1;Port=1;Username=postgres;Timeout=2"));
        using var client = TestInfrastructure.Client(broken);
        var response = await SendAsync(client, HttpMethod.Get, "/ballots/blank/T1/BW/fr", "text/html", "hv_lang=nl");
        Assert.DoesNotContain("Npgsql", await AssertDutchPageAsync(response, HttpStatusCode.ServiceUnavailable, "error-503-title"), StringComparison.Ordinal);
    }

    [Fact]
    public void PageTexts_ExistInEveryLanguage_AndEveryRejectReasonHasWords()
    {
        var keys = PageText.Keys().ToList();
        Assert.True(keys.Count > 40, $"only {keys.Count} page texts found");
        foreach (var language in Enum.GetValues<Language>())
        {
            Assert.All(keys, k => Assert.False(string.IsNullOrWhiteSpace(PageText.Get(language, k)), $"{k} is empty in {language}"));
            Assert.All(RejectReasons.All, r => Assert.False(string.IsNullOrWhiteSpace(PageText.Reason(language, r))));
        }

        // Every verdict, role and numbered check has its words, and they are translated.
        string[] named = [.. ScanVerdicts.All.Select(v => $"verdict-{v.Code()}-title"), .. StaffRules.All.Select(r => $"role-{r.Code()}"), .. TallyChecks.All.Select(c => $"check-{c.Code}")];
        Assert.All(named, k => Assert.Contains(k, keys));
        Assert.All(named, k => Assert.NotEqual(PageText.Get(Language.Fr, k), PageText.Get(Language.Nl, k)));

        Assert.NotEqual(PageText.Get(Language.Fr, "error-404-title"), PageText.Get(Language.Nl, "error-404-title"));
        Assert.NotEqual(PageText.Get(Language.Nl, "error-404-title"), PageText.Get(Language.De, "error-404-title"));
    }

    // An HTML page in Dutch with the given status and title, and a link home; returns the page.
    private static async Task<string> AssertDutchPageAsync(HttpResponseMessage response, HttpStatusCode status, string titleKey)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        string page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"nl\"", page, StringComparison.Ordinal);
        Assert.Contains(PageText.Get(Language.Nl, titleKey), page, StringComparison.Ordinal);
        Assert.Contains("href=\"/\"", page, StringComparison.Ordinal);
        return page;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string accept, string? cookie)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Accept", accept);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return client.SendAsync(request);
    }
}
