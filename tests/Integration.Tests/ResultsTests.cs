using System.Net;
using System.Security.Cryptography;
using System.Text;
using HybridVote.CountingStation;
using HybridVote.Domain;
using HybridVote.ElectionResults;
using HybridVote.Eml;
using HybridVote.Hosting;
using HybridVote.Storage;

namespace HybridVote.Integration.Tests;

/// <summary>
/// The results of a constituency end to end (REQUIREMENTS §6, FR012, TR014): two bureaus count and
/// lock through the counting station; before the embargo and while a bureau is unlocked nothing is
/// shown or exported; then the organiser downloads the signed EML 510 (valid against the OASIS
/// schema), the PVs, CSV and JSON, and <c>hv results</c> writes the same files.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ResultsTests(TestInfrastructure infra)
{
    [Fact]
    public async Task ACountThroughTheLock_IsHeldBackByTheEmbargoAndAnUnlockedBureau_ThenExportsSignedValidFiles()
    {
        var setup = await infra.NewCountingElectionAsync();
        var station = infra.Function<TallyService>();
        using var client = TestInfrastructure.Client(station);
        using var counting = TestInfrastructure.Client(infra.Function<HybridVote.BallotRegistration.RegistrationService>());
        var organiser = TestInfrastructure.StaffFormSession(station, await infra.NewStaffAsync(StaffRole.Organiser, null, setup.ElectionId));
        var typist = TestInfrastructure.StaffFormSession(station, await infra.NewStaffAsync(StaffRole.CountingTypist, setup.Second, setup.ElectionId));
        var elections = new ElectionStore(infra.Db, new AuditLog(TimeProvider.System));
        var calendar = (await elections.ElectionAsync(setup.ElectionId))!.Calendar;
        await elections.SetCalendarAsync(setup.ElectionId, calendar with { ResultsFrom = DateTimeOffset.UtcNow.AddHours(3) }, "test");

        // Second bureau: 3 valid ballots for list 1 (2 list votes, 1 with a preference for the first candidate).
        await CountAndLockAsync(client, counting, setup, setup.Second, setup.SecondKey, new() { ["R"] = 3, ["class:valid"] = 3, ["V"] = 3,
            ["list:1:total"] = 3, ["list:1:list-only"] = 2, ["list:1:preferences"] = 1, ["list:1:e1"] = 1 });

        // Embargoed: nothing is read; the page names the time, a download is held back (409), no figure anywhere.
        string embargoed = await PageAsync(client, organiser);
        Assert.Contains("data-state=\"embargoed\"", embargoed, StringComparison.Ordinal);
        var held = await TestInfrastructure.SendAsync(client, HttpMethod.Get, $"/counting/results/{setup.ElectionId}/BW/BW-510.eml", organiser.Cookies);
        Assert.Equal(HttpStatusCode.Conflict, held.StatusCode);
        Assert.Equal(1, await infra.HvCapturingAsync("results", "--election", setup.ElectionId, "--out", Path.GetTempPath()) is var (code, error) && error.Contains("held back, no figure before", StringComparison.Ordinal) ? code : -1);

        // The embargo passed, the main bureau not locked: still held back, naming it.
        await elections.SetCalendarAsync(setup.ElectionId, calendar with { ResultsFrom = calendar.InPersonClose }, "test");
        string waiting = await PageAsync(client, organiser);
        Assert.Contains("data-state=\"waiting\"", waiting, StringComparison.Ordinal);
        Assert.Contains(setup.Main, waiting, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await TestInfrastructure.SendAsync(client, HttpMethod.Get, $"/counting/results/{setup.ElectionId}/BW/BW.json", organiser.Cookies)).StatusCode);

        // Main bureau: 2 ballots, one valid for list 2 with a preference, one blank.
        await CountAndLockAsync(client, counting, setup, setup.Main, setup.MainKey, new() { ["R"] = 2, ["class:valid"] = 1, ["class:blank-or-invalid"] = 1, ["V"] = 1,
            ["list:2:total"] = 1, ["list:2:preferences"] = 1, ["list:2:e1"] = 1 }, explain: true);
        string ready = await PageAsync(client, organiser);
        Assert.Contains("data-contest=\"BW\" data-state=\"ready\"", ready, StringComparison.Ordinal);
        Assert.Contains("data-contest=\"VB\" data-state=\"waiting\"", ready, StringComparison.Ordinal);

        var lists = await elections.ListsAsync(setup.ElectionId, "BW");
        byte[] eml = await DownloadAsync(client, organiser, setup, "BW-510.eml", "application/xml");
        var count = EmlCount.Read(new MemoryStream(eml), lists);
        Assert.Equal(5, count.Combined["R"]);
        Assert.Equal(4, count.Combined["V"]);
        Assert.Equal(3, count.Combined["list:1:total"]);
        Assert.Equal(1, count.Combined["list:2:e1"]);
        Assert.Equal(1, count.Combined["class:blank-or-invalid"]);
        Assert.Equal([setup.Main, setup.Second], count.Units.Keys.Order(StringComparer.Ordinal));

        // Signed with the deployment's results key, like the imports: the signature names the file's SHA-256.
        string signature = Encoding.UTF8.GetString(await DownloadAsync(client, organiser, setup, "BW-510.eml.sig", "text/plain"));
        using var key = KeyFiles.LoadResultsSigningKey(infra.KeysDirectory)!;
        using var publicKey = ECDsa.Create();
        publicKey.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        var check = Assert.IsType<SignatureCheck.Valid>(FileSignature.Verify(new MemoryStream(eml), signature, new Dictionary<string, ECDsa> { [FileSignature.KeyId(publicKey)] = publicKey }));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(eml)), check.Sha256);

        // The same download twice gives the same bytes; the PV, CSV and JSON come with it.
        Assert.Equal(eml, await DownloadAsync(client, organiser, setup, "BW-510.eml", "application/xml"));
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(await DownloadAsync(client, organiser, setup, "BW-pv.pdf", "application/pdf"))[..5], StringComparison.Ordinal);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(await DownloadAsync(client, organiser, setup, $"BW-{setup.Main}-pv.pdf", "application/pdf"))[..5], StringComparison.Ordinal);
        string csv = Encoding.UTF8.GetString(await DownloadAsync(client, organiser, setup, "BW.csv", "text/csv"));
        Assert.Contains($"{setup.ElectionId},BW,list:1:e1,1,Avenir Commun,Dupont Élodie,1,0,1", csv, StringComparison.Ordinal);
        Assert.Contains("\"total\": 5", Encoding.UTF8.GetString(await DownloadAsync(client, organiser, setup, "BW.json", "application/json")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await TestInfrastructure.SendAsync(client, HttpMethod.Get, $"/counting/results/{setup.ElectionId}/BW/..%2Fsecret", organiser.Cookies)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await TestInfrastructure.SendAsync(client, HttpMethod.Get, $"/counting/results/{setup.ElectionId}/BW/BW.csv", typist.Cookies)).StatusCode);

        // hv results writes the ready constituency's files, the same bytes, and says VB is held back (exit 1).
        string dir = Path.Combine(Path.GetTempPath(), "hv-results-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, said) = await infra.HvCapturingAsync("results", "--election", setup.ElectionId, "--out", dir);
            Assert.Equal(1, exit);
            Assert.Contains("VB: held back, not locked yet by their president", said, StringComparison.Ordinal);
            Assert.Equal(eml, await File.ReadAllBytesAsync(Path.Combine(dir, setup.ElectionId, "BW-510.eml")));
            Assert.Equal(0, (await infra.HvCapturingAsync("results", "--election", setup.ElectionId, "--contest", "BW", "--out", dir)).Code);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        // A bureau abroad added to Brabant wallon holds its results back until it locks; its figures are then kept apart.
        Assert.Equal(1, (await infra.HvCapturingAsync("bureau", "add", setup.Main, "--election", setup.ElectionId, "--contest", "BW", "--name", "x", "--address", "y")).Code);
        string abroad = setup.ElectionId + "-BW-X01";
        Assert.Equal(0, await infra.HvAsync("bureau", "add", abroad, "--election", setup.ElectionId, "--contest", "BW", "--name", "Belges à l'étranger",
            "--address", "Rue des Petits Carmes 15, 1000 Bruxelles", "--abroad"));
        string waitingForAbroad = await PageAsync(client, organiser);
        Assert.Contains("data-contest=\"BW\" data-state=\"waiting\"", waitingForAbroad, StringComparison.Ordinal);
        Assert.Contains(abroad, waitingForAbroad, StringComparison.Ordinal);
        var tallies = new TallyStore(infra.Db, new AuditLog(TimeProvider.System));
        var layout = CountReports.LayoutOf(lists);
        string canonical = TallyLock.Canonical(new TallySheet(new Dictionary<string, long> { ["R"] = 7, ["class:valid"] = 7, ["V"] = 7, ["list:2:total"] = 7, ["list:2:list-only"] = 7 }), layout, new Dictionary<string, string>());
        Assert.True(await tallies.SaveAsync(abroad, DoubleEntry.Start(layout), 0, "test", "tally.entry"));
        Assert.True(await tallies.LockAsync(abroad, 1, await new BallotRegistry(infra.Db, new AuditLog(TimeProvider.System), TimeProvider.System).CountAsync(abroad), canonical, TallyLock.Hash(canonical), "test"));
        var withAbroad = EmlCount.Read(new MemoryStream(await DownloadAsync(client, organiser, setup, "BW-510.eml", "application/xml")), lists);
        Assert.Equal((12L, 7L, 8L, 7L), (withAbroad.Combined["R"], withAbroad.Abroad["R"], withAbroad.Combined["list:2:total"], withAbroad.Abroad["list:2:total"]));
    }

    // Registers the sheet's ballots per class at the bureau, two typists enter it, its president locks.
    private async Task CountAndLockAsync(HttpClient client, HttpClient counting, CountingSetup setup, string bureau, string key, Dictionary<string, long> figures, bool explain = false)
    {
        var ballots = BallotClassifications.All.SelectMany(c => Enumerable.Range(0, (int)figures.GetValueOrDefault("class:" + c.Code()))
            .Select(_ => (KCode.Issue(new(setup.ElectionId, "BW"), infra.Keys.KCodeMac), c.Code(), Guid.NewGuid().ToString("N")))).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await RegistrationTests.Register(counting, key, ballots)).StatusCode);
        var station = infra.Function<TallyService>();
        var sheet = CountingStationTests.Fields.Select(f => new KeyValuePair<string, string>(f, figures.GetValueOrDefault(f).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        foreach (var _ in new[] { 1, 2 })
        {
            var typist = TestInfrastructure.StaffFormSession(station, await infra.NewStaffAsync(StaffRole.CountingTypist, bureau, setup.ElectionId));
            Assert.Equal(HttpStatusCode.OK, (await TestInfrastructure.PostFormAsync(client, $"/counting/{bureau}/entry", typist, sheet)).StatusCode);
        }

        var president = TestInfrastructure.StaffFormSession(station, await infra.NewStaffAsync(StaffRole.President, bureau, setup.ElectionId));
        var locked = await TestInfrastructure.PostFormAsync(client, $"/counting/{bureau}/lock", president,
            explain ? [new("explain:W.201", "Un électeur a déposé un bulletin blanc.")] : []);
        Assert.Contains("data-locked=\"true\"", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> PageAsync(HttpClient client, (string Cookies, string Token) session)
    {
        var response = await TestInfrastructure.SendAsync(client, HttpMethod.Get, "/counting/results", session.Cookies);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<byte[]> DownloadAsync(HttpClient client, (string Cookies, string Token) session, CountingSetup setup, string file, string mediaType)
    {
        var response = await TestInfrastructure.SendAsync(client, HttpMethod.Get, $"/counting/results/{setup.ElectionId}/BW/{file}", session.Cookies);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
