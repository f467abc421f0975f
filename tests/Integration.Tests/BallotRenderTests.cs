using System.Diagnostics;
using System.Net;
using HybridVote.BallotRender;
using HybridVote.KCodeIssue;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Integration.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class BallotRenderTests(TestInfrastructure infra)
{
    [Fact]
    public async Task Label_BeforeThePrint_Is404_AfterIt_ShowsTheVoterNameAndToken()
    {
        var render = infra.Function<BallotService>();
        var issue = infra.Function<KCodeService>();
        var (_, voterKey) = await infra.NewVoterAsync();
        using var client = TestInfrastructure.Client(render);
        string cookie = TestInfrastructure.SessionCookie(render, voterKey);
        Assert.Equal(HttpStatusCode.NotFound, (await Get(client, "/ballots/label/T1", cookie)).StatusCode);

        using var issueClient = TestInfrastructure.Client(issue);
        await KCodeIssueTests.Send(issueClient, "/print/api", cookie);
        var response = await Get(client, "/ballots/label/T1", cookie);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        string text = PdfText(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Élodie Ćosić-D'Hondt", text, StringComparison.Ordinal);
        Assert.Contains("Place de l'Hôtel de Ville", text, StringComparison.Ordinal);
        Assert.Contains("Wavre", text, StringComparison.Ordinal);
        Assert.Matches("[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}", text);
    }

    [Fact]
    public async Task Ballot_ForTheVoter_HasEveryListAndCandidateWithDiacritics()
    {
        var render = infra.Function<BallotService>();
        var (_, voterKey) = await infra.NewVoterAsync();
        using var client = TestInfrastructure.Client(render);
        var response = await Get(client, "/ballots/ballot/T1", TestInfrastructure.SessionCookie(render, voterKey));
        string text = PdfText(await response.Content.ReadAsByteArrayAsync());
        foreach (var expected in new[] { "Avenir Commun", "Liste Citoyenne", "Dupont Élodie", "Ćosić Zoë", "D'Hondt Loïc", "Suppléants", "Feuille 1 de 1" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Samen Vooruit", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blank_CarriesTheNamesInTheBallotLanguage_AndTheElectionDay()
    {
        var render = infra.Function<BallotService>();
        using var client = TestInfrastructure.Client(render);
        string text = PdfText(await (await Get(client, "/ballots/blank/T1/VB/nl", null)).Content.ReadAsByteArrayAsync());
        Assert.Contains("Stembiljet – Verkiezing T1", text, StringComparison.Ordinal);
        Assert.Contains("Vlaams-Brabant –", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Élection", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Brabant flamand", text, StringComparison.Ordinal);
        var election = await render.Services.GetRequiredService<HybridVote.Storage.ElectionStore>().ElectionAsync("T1");
        Assert.Contains(HybridVote.Localization.BrusselsTime.Day(election!.Calendar.InPersonClose).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListsPage_ReadsTheBallotInOrder_AsHeadingsAndOrderedLists()
    {
        var render = infra.Function<BallotService>();
        var (_, voterKey) = await infra.NewVoterAsync();
        using var client = TestInfrastructure.Client(render);
        var response = await TestInfrastructure.SendAsync(client, HttpMethod.Get, "/ballots/lists/T1", TestInfrastructure.SessionCookie(render, voterKey, HybridVote.Domain.Language.Nl));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"nl\"", html, StringComparison.Ordinal);
        Assert.Contains("Verkiezing T1 – Brabant wallon", html, StringComparison.Ordinal);
        Assert.Matches("<h2 id=\"list-1\">1\\. [^<]+</h2>", html);
        Assert.Contains("<li>Dupont Élodie</li>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("id=\"list-1\"", StringComparison.Ordinal) < html.IndexOf("id=\"list-2\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await TestInfrastructure.SendAsync(client, HttpMethod.Get, "/ballots/lists/T2", TestInfrastructure.SessionCookie(render, voterKey))).StatusCode);
    }

    [Fact]
    public async Task Blank_UnknownConstituencyOrElectionOfAnotherVoter_Is404()
    {
        var render = infra.Function<BallotService>();
        var (_, voterKey) = await infra.NewVoterAsync();
        using var client = TestInfrastructure.Client(render);
        Assert.Equal(HttpStatusCode.NotFound, (await Get(client, "/ballots/blank/T1/XX/fr", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get(client, "/ballots/blank/T1/VB/nl", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Get(client, "/ballots/ballot/T2", TestInfrastructure.SessionCookie(render, voterKey))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(client, "/ballots/ballot/T1", null)).StatusCode);
    }

    [Fact]
    public async Task Blank_IsRenderedOnceStoredAndReplacedWhenTheListsChange()
    {
        var render = infra.Function<BallotService>();
        using var client = TestInfrastructure.Client(render);
        var lists = new[] { new HybridVote.Domain.CandidateListDefinition(TestInfrastructure.OpenElection, "VB", 1, "Samen Vooruit", ["Peeters Jan"], []) };
        await infra.Importer().ImportListsAsync(lists, "test");
        string first = PdfText(await (await Get(client, "/ballots/blank/T1/VB/nl", null)).Content.ReadAsByteArrayAsync());
        Assert.Contains("Samen Vooruit", first, StringComparison.Ordinal);
        Assert.Equal(1L, await infra.ScalarAsync<long>("SELECT count(*) FROM ballot_pdf WHERE election_id = 'T1' AND contest_id = 'VB' AND languages = 'nl'"));

        await infra.Importer().ImportListsAsync([lists[0] with { Name = "Samen Verder" }], "test");
        await Task.Delay(BallotService.Revalidate);
        string second = PdfText(await (await Get(client, "/ballots/blank/T1/VB/nl", null)).Content.ReadAsByteArrayAsync());
        Assert.Contains("Samen Verder", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instructions_ForTheVoter_AreInTheirLanguage()
    {
        var render = infra.Function<BallotService>();
        var (_, voterKey) = await infra.NewVoterAsync();
        using var client = TestInfrastructure.Client(render);
        var response = await Get(client, "/ballots/instructions/T1", TestInfrastructure.SessionCookie(render, voterKey));
        Assert.Contains("Comment voter valablement", PdfText(await response.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstructionsAndLabel_InTheGermanInterface_AreInGerman_WithTheDatesPostageAndHelp()
    {
        var render = infra.Function<BallotService>();
        var (_, voterKey) = await infra.NewVoterAsync();
        var store = render.Services.GetRequiredService<HybridVote.Storage.ElectionStore>();
        await store.SetNoticeAsync("T1", null, null, "Hilfe 0800 12 345", "test");
        var election = (await store.ElectionAsync("T1"))!;
        using var client = TestInfrastructure.Client(render);
        string cookie = TestInfrastructure.SessionCookie(render, voterKey, HybridVote.Domain.Language.De);
        string text = PdfText(await (await Get(client, "/ballots/instructions/T1", cookie)).Content.ReadAsByteArrayAsync());
        Assert.Contains("Wie Sie gültig wählen – Wahl T1", text, StringComparison.Ordinal);
        Assert.Contains("Hilfe 0800 12 345", text, StringComparison.Ordinal);
        Assert.Contains(HybridVote.Localization.BrusselsTime.Date(election.Notice.PostBy), text, StringComparison.Ordinal);
        Assert.Contains("Briefmarke", text, StringComparison.Ordinal);

        using var issueClient = TestInfrastructure.Client(infra.Function<KCodeService>());
        await KCodeIssueTests.Send(issueClient, "/print/api", cookie);
        string label = PdfText(await (await Get(client, "/ballots/label/T1", cookie)).Content.ReadAsByteArrayAsync());
        Assert.Contains("Wahl T1", label, StringComparison.Ordinal);
        Assert.DoesNotContain("Élection", label, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr+nl", HybridVote.Domain.Language.De, "fr,nl")]
    [InlineData("nl|fr", HybridVote.Domain.Language.Fr, "fr")]
    [InlineData("nl|fr", HybridVote.Domain.Language.De, "nl")]
    [InlineData("de", HybridVote.Domain.Language.Fr, "de")]
    public void BallotLanguages_BrusselsBilingual_FacilitiesInTheVoterLanguage(string contest, HybridVote.Domain.Language voter, string expected) =>
        Assert.Equal(expected, string.Join(',', HybridVote.Domain.BallotLanguages.For(contest, voter).Select(l => l.ToString().ToLowerInvariant())));

    private static Task<HttpResponseMessage> Get(HttpClient client, string path, string? cookie) =>
        TestInfrastructure.SendAsync(client, HttpMethod.Get, path, cookie);

    internal static string PdfText(byte[] pdf)
    {
        string file = Path.GetTempFileName();
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", [file, "-"]) { RedirectStandardOutput = true })!;
            string text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
