using System.Collections.Concurrent;
using System.Net;
using System.Text;
using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Integration.Tests;

/// <summary>
/// No early results (FR012): while a bureau counts — first entry, differences, definitive but not
/// locked — no page or API of any function, for any caller, no <c>/metrics</c> and no log line carries
/// a list's or a candidate's figure. The one place a figure is shown before the lock is where the
/// double entry needs it: the bureau's president sees the two values of a field the typists entered
/// differently, and nothing else. Then both bureaus of the constituency locked but the election's
/// results embargo not over (FR012, TR014): still no figure outside the bureau's own sheet — and once
/// the embargo is over, the results download does carry them (the scrape would see a leak).
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class EarlyResultsTests(TestInfrastructure infra)
{
    // Figures no page would show by chance: the list and candidate fields of the sheet.
    private static readonly Dictionary<string, long> ListFigures = new(StringComparer.Ordinal)
    {
        ["list:1:total"] = 73_919, ["list:1:list-only"] = 71_011, ["list:1:preferences"] = 29_083, ["list:1:e1"] = 17_771, ["list:1:e2"] = 13_037, ["list:1:s1"] = 40_927,
        ["list:2:total"] = 61_283, ["list:2:list-only"] = 58_601, ["list:2:preferences"] = 26_821, ["list:2:e1"] = 26_393,
    };

    // Each figure as a whole number, grouped or not (71011, 71 011, 71.011, 71,011), never inside a token
    // or a hash, nor as the decimals of a measurement (a metric's 0.71011 seconds is not a figure).
    private static readonly System.Text.RegularExpressions.Regex[] Patterns = [.. ListFigures.Values.Distinct().Select(v =>
    {
        string digits = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new System.Text.RegularExpressions.Regex($@"(?<![\w]|\d[.,]){digits[..^3]}[\s\u202f\u00a0.,']?{digits[^3..]}(?![\w]|[.,]\d)");
    })];

    // The search finds a figure however it is written, and takes no measurement of the machine for one.
    [Theory]
    [InlineData("list 1: 71011 votes", true)]
    [InlineData("Liste 1 : 71\u202f011", true)]
    [InlineData("Lijst 1: 71.011", true)]
    [InlineData("{\"value\":40927}", true)]
    [InlineData("/counting/x?value=58,601", true)]
    [InlineData("hv_request_seconds_sum 0.71011", false)]
    [InlineData("{\"EndPoint\":\"127.0.0.1:29083\"}", false)]
    [InlineData("POOL: (Threads=4,QueuedItems=7,CompletedItems=26393,Timers=29)", false)]
    [InlineData("{\"Elapsed\":13.037,\"StatusCode\":200}", false)]
    [InlineData("token k7101199", false)]
    public void TheFigureSearch_FindsGroupedFigures_AndSkipsMeasurements(string line, bool carries) =>
        Assert.Equal(carries, Carries(WithoutMeasurements(line)));

    [Fact]
    public async Task WhileABureauCounts_NoPageApiMetricOrLogLine_CarriesAListOrCandidateFigure()
    {
        var setup = await infra.NewCountingElectionAsync();
        // The functions log to standard output (JSON lines): every line is kept while the test runs.
        var logs = new ConcurrentQueue<string>();
        var console = Console.Out;
        Console.SetOut(new Tee(console, logs));
        try
        {
            await CountAndScrapeAsync(setup, logs);
        }
        finally
        {
            Console.SetOut(console);
        }
    }

    private async Task CountAndScrapeAsync(CountingSetup setup, ConcurrentQueue<string> logs)
    {
        var running = FunctionCatalogue.All.Where(f => f.Prefix is not null).Select(f => (f.Name, Function: AccessMatrixTests.Start(infra, f.Name))).ToList();
        var station = running.Single(r => r.Name == "CountingStation").Function;

        // Every role, at the bureau that counts (the constituency's president at the main bureau).
        var callers = new List<(string Name, System.Security.Claims.ClaimsPrincipal? Principal)> { ("anonymous", null) };
        var (_, voterKey) = await infra.NewVoterAsync("BW", setup.ElectionId);
        callers.Add(("voter", TestInfrastructure.FormSessionPrincipal(voterKey)));
        var staff = new Dictionary<StaffRole, byte[]>();
        foreach (var role in StaffRules.All)
        {
            staff[role] = await infra.NewStaffAsync(role, role.AtABureau() ? setup.Second : null, setup.ElectionId);
            callers.Add((role.Code(), StaffSession.ToPrincipal(staff[role], "Test", Language.Fr)));
        }

        byte[] secondTypist = await infra.NewStaffAsync(StaffRole.CountingTypist, setup.Second, setup.ElectionId);
        callers.Add(("constituency-president", StaffSession.ToPrincipal(await infra.NewStaffAsync(StaffRole.President, setup.Main, setup.ElectionId), "Test", Language.Fr)));
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["{bureauId}"] = setup.Second, ["{electionId}"] = setup.ElectionId, ["{contestId}"] = "BW",
            ["{languages}"] = "fr", ["{code}"] = "nl?r=/status", ["{reason}"] = "weak", ["{file}"] = $"BW-{setup.Second}-510.eml" };
        var sheet = new Dictionary<string, long>(ListFigures)
        {
            ["R"] = 135_202, ["class:valid"] = 135_202, ["class:doubtful-validated"] = 0, ["class:doubtful-cancelled"] = 0, ["class:blank-or-invalid"] = 0,
            ["class:rejected-voted-in-person"] = 0, ["V"] = 135_202,
        };

        // First entry; then the second with one difference; then the president's decision: definitive, not locked.
        var failures = new List<string>();
        await EnterAsync(station, setup.Second, staff[StaffRole.CountingTypist], sheet);
        await ScrapeAsync(running, callers, values, "first entry", null, failures);
        await EnterAsync(station, setup.Second, secondTypist, new Dictionary<string, long>(sheet) { ["list:1:list-only"] = 71_001 });
        await ScrapeAsync(running, callers, values, "differences", StaffRole.President.Code(), failures);
        var (cookies, token) = station.Session(StaffSession.ToPrincipal(staff[StaffRole.President], "Test", Language.Fr));
        Assert.Equal(HttpStatusCode.OK, (await TestInfrastructure.PostFormAsync(station.Client, $"/counting/{setup.Second}/decide", (cookies, token), new("field", "list:1:list-only"), new("value", "71011"))).StatusCode);
        Assert.Equal(EntryState.Definitive, (await new TallyStore(infra.Db, new AuditLog(TimeProvider.System)).LoadAsync(setup.Second))!.Entry.State);
        await ScrapeAsync(running, callers, values, "definitive", null, failures);

        // Both bureaus locked (written directly: the sheet's ballots are not registered), the results embargo ahead.
        var elections = new ElectionStore(infra.Db, new AuditLog(TimeProvider.System));
        var calendar = (await elections.ElectionAsync(setup.ElectionId))!.Calendar;
        await elections.SetCalendarAsync(setup.ElectionId, calendar with { ResultsFrom = DateTimeOffset.UtcNow.AddHours(2) }, "test");
        await LockDirectlyAsync(setup, sheet);
        await ScrapeAsync(running, callers, values, "locked, results embargoed", null, failures, lockedAt: setup.Second);

        // The control: with the embargo over, the bureau's EML 510 carries the figures.
        await elections.SetCalendarAsync(setup.ElectionId, calendar with { ResultsFrom = calendar.InPersonClose }, "test");
        var organiser = station.Session(StaffSession.ToPrincipal(staff[StaffRole.Organiser], "Test", Language.Fr));
        var request = new HttpRequestMessage(HttpMethod.Get, $"/counting/results/{setup.ElectionId}/BW/BW-{setup.Second}-510.eml");
        request.Headers.Add("Cookie", organiser.Cookies);
        using var json = await station.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.True(Carries(await Text(json)));

        // Not one log line of any function, whatever was done meanwhile, nor the audit trail.
        failures.AddRange(logs.Select(WithoutMeasurements).Where(Carries).Select(l => "log: " + l));
        failures.AddRange((await AuditDetailsAsync(setup.Second)).Where(Carries).Select(d => "audit: " + d));
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
        Assert.NotEmpty(logs);
    }

    // Every GET route of every function as every caller, and every function's /metrics.
    private static async Task ScrapeAsync(List<(string Name, AccessMatrixTests.RunningFunction Function)> running, List<(string Name, System.Security.Claims.ClaimsPrincipal? Principal)> callers,
        Dictionary<string, string> values, string moment, string? seesDifferences, List<string> failures, string? lockedAt = null)
    {
        // After the lock the bureau's own sheet shows its figures to the bureau and the constituency's president; only there.
        string[] bureauPeople = [StaffRole.CountingTypist.Code(), StaffRole.President.Code(), "constituency-president"];
        int pages = 0;
        foreach (var (name, function) in running)
        {
            foreach (var (template, methods) in AccessMatrixTests.Routes(function.Services).Where(r => r.Methods.Contains("GET")))
            {
                string path = AccessMatrixTests.Fill(template, values);
                foreach (var (caller, principal) in callers)
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, path);
                    request.Headers.Add("Cookie", function.Session(principal).Cookies);
                    using var response = await function.Client.SendAsync(request);
                    string body = await Text(response);
                    pages++;
                    // The president decides the differing field from its two values: those two, on that page only.
                    if (caller == seesDifferences && template == Pages.Routes.CountingBureau)
                    {
                        Assert.Contains("71001", body, StringComparison.Ordinal);
                        body = body.Replace("71011", string.Empty, StringComparison.Ordinal).Replace("71001", string.Empty, StringComparison.Ordinal);
                    }

                    if (lockedAt is not null && template == Pages.Routes.CountingBureau && bureauPeople.Contains(caller))
                    {
                        continue;
                    }

                    if (Carries(body))
                    {
                        failures.Add($"{moment}: {name} GET {path} as {caller} ({(int)response.StatusCode}) shows a figure");
                    }
                }
            }

            using var metrics = await function.Operations!.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
            if (Carries(await metrics.Content.ReadAsStringAsync()))
            {
                failures.Add($"{moment}: {name} /metrics shows a figure");
            }
        }

        Assert.True(pages > 100, $"only {pages} pages scraped");
    }

    // Locks both bureaus of Brabant wallon with the sheet, as their presidents would (the register as it stands).
    private async Task LockDirectlyAsync(CountingSetup setup, Dictionary<string, long> sheet)
    {
        var audit = new AuditLog(TimeProvider.System);
        var tallies = new TallyStore(infra.Db, audit);
        var registry = new BallotRegistry(infra.Db, audit, TimeProvider.System);
        var layout = new TallyLayout([new TallyList(1, 2, 1), new TallyList(2, 1, 0)]);
        string canonical = TallyLock.Canonical(new TallySheet(sheet), layout, new Dictionary<string, string>());
        Assert.True(await tallies.SaveAsync(setup.Main, DoubleEntry.Start(layout), 0, "test", "tally.entry"));
        foreach (string bureau in new[] { setup.Second, setup.Main })
        {
            var stored = await tallies.LoadAsync(bureau);
            Assert.True(await tallies.LockAsync(bureau, stored!.Version, await registry.CountAsync(bureau), canonical, TallyLock.Hash(canonical), "test"));
        }
    }

    // Whether a text carries one of the sheet's list or candidate figures.
    private static bool Carries(string text) => Patterns.Any(p => p.IsMatch(text));

    // What a log line measures about the machine is not a figure, though a run would otherwise fail by
    // chance when one equals a figure: a request's duration ("Elapsed":13.037, "@r":["13.0370"]), a
    // network endpoint (Redis on 127.0.0.1:29083, a test's Kestrel port) and the Redis client's
    // thread-pool statistics (CompletedItems=26393).
    private static readonly System.Text.RegularExpressions.Regex Measurements = new(
        @"""(Elapsed|@r)"":(\[[^\]]*\]|[0-9.eE+-]+)|(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]|localhost):\d+|\b(Busy|Free|Min|Max|Threads|QueuedItems|CompletedItems|Timers)=\d+");

    private static string WithoutMeasurements(string line) => Measurements.Replace(line, string.Empty);

    private static async Task<string> Text(HttpResponseMessage response)
    {
        byte[] bytes = await response.Content.ReadAsByteArrayAsync();
        return Encoding.UTF8.GetString(bytes);
    }

    private static async Task EnterAsync(AccessMatrixTests.RunningFunction station, string bureau, byte[] typist, Dictionary<string, long> sheet)
    {
        var session = station.Session(StaffSession.ToPrincipal(typist, "Test", Language.Fr));
        var response = await TestInfrastructure.PostFormAsync(station.Client, $"/counting/{bureau}/entry", session,
            [.. sheet.Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<List<string>> AuditDetailsAsync(string bureau)
    {
        await using var cmd = infra.Db.CreateCommand("SELECT action || ' ' || details FROM audit_event WHERE subject = $1");
        cmd.Parameters.Add(new() { Value = bureau });
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0));
        }

        Assert.NotEmpty(list);
        return list;
    }

    // Writes through to the real output and keeps every line.
    private sealed class Tee(TextWriter inner, ConcurrentQueue<string> lines) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override void Write(string? value)
        {
            inner.Write(value);
            if (!string.IsNullOrEmpty(value))
            {
                lines.Enqueue(value);
            }
        }

        public override void WriteLine(string? value)
        {
            inner.WriteLine(value);
            lines.Enqueue(value ?? string.Empty);
        }
    }
}
