using HybridVote.Domain;
using HybridVote.Eml;
using HybridVote.Cli;

namespace HybridVote.Integration.Tests;

public sealed class CliTests
{
    [Fact]
    public async Task Help_ListsEveryCommand_AndEachCommandHasItsOwn()
    {
        var (code, help, _) = await RunAsync("--help");
        Assert.Equal(0, code);
        foreach (var command in new[] { "migrate", "keys", "sign", "import", "gen-testdata", "calendar", "bureau", "audit", "reconcile", "rejects", "demo", "proof-ballot", "purge", "version", "Exit codes" })
        {
            Assert.Contains(command, help, StringComparison.Ordinal);
        }

        var (voterCode, voterHelp, _) = await RunAsync("import", "voters", "--help");
        Assert.Equal(0, voterCode);
        Assert.Contains("--trust", voterHelp, StringComparison.Ordinal);
        Assert.DoesNotContain("gen-testdata", voterHelp, StringComparison.Ordinal);
        var (_, rejectsHelp, _) = await RunAsync("rejects", "list", "--help");
        Assert.Contains("--reason", rejectsHelp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_NamesTheCommit_AndHashesEveryAssembly()
    {
        var (code, output, _) = await RunAsync("version");
        Assert.Equal(0, code);
        Assert.Matches("^hv [0-9.]+", output);
        Assert.Matches("(?m)^commit ([0-9a-f]{40}|unknown)$", output);
        string hv = Path.Combine(AppContext.BaseDirectory, "hv.dll");
        string expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(hv)));
        Assert.Contains($"{expected}  hv.dll", output, StringComparison.Ordinal);
        Assert.Matches("(?m)^[0-9a-f]{64}  HybridVote\\.Domain\\.dll$", output);
    }

    [Theory]
    [InlineData("frobnicate", "frobnicate")]
    [InlineData("rejects list --reason nonsense", "nonsense")]
    [InlineData("rejects list --limt 3", "--limt")]
    [InlineData("import voters", "files")]
    [InlineData("calendar set --election CH2026 --issue-until tomorrow", "tomorrow")]
    [InlineData("demo", "--out")]
    public async Task WrongCommandLine_NamesWhatIsWrong_WithoutTheWholeHelp_Exit2(string commandLine, string named)
    {
        var (code, output, error) = await RunAsync(commandLine.Split(' '));
        Assert.Equal(2, code);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Contains("--help", error, StringComparison.Ordinal);
        Assert.DoesNotContain("gen-testdata", error + output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoCommand_PrintsTheHelp_Exit2() => Assert.Equal(2, (await RunAsync()).Code);

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await Hv.RunAsync(args, output: output, error: error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task ProofBallot_FromAnEml230File_WritesAPdfMarkedProof()
    {
        string dir = Directory.CreateTempSubdirectory("hv-proof-").FullName;
        try
        {
            string eml = Path.Combine(dir, "lists.eml"), pdf = Path.Combine(dir, "proof.pdf");
            await using (var stream = File.Create(eml))
            {
                EmlWriter.WriteCandidateLists(stream, "EU2029", [new CandidateListDefinition("EU2029", "DG", 1, "Liste Eins", ["Müller Jürgen", "Schröder Anneliese"], ["Weiß Jörg"])]);
            }

            string ev = Path.Combine(dir, "election.eml");
            var close = new DateTimeOffset(2029, 6, 10, 14, 0, 0, TimeSpan.Zero);
            await using (var stream = File.Create(ev))
            {
                EmlWriter.WriteElectionEvent(stream, "BE2029", "Wahlen 2029", [new ElectionDefinition("BE2029", "EU2029", "Parlement européen – Europees Parlement – Europäisches Parlament",
                    new ElectionCalendar(close.AddDays(-40), close.AddDays(-7), close, close.AddDays(10)),
                    [new ContestDefinition("DG", "Collège germanophone", "de", 1, new BureauDefinition("EU-DG", "Hauptwahlvorstand", "Eupen"), LocalNames.Of("Collège germanophone", "Duitstalig kiescollege", "Deutschsprachiges Wahlkollegium"))],
                    LocalNames.Of("Parlement européen", "Europees Parlement", "Europäisches Parlament"))]);
            }

            Assert.Equal(0, await Hv.RunAsync(["proof-ballot", "--candidates", eml, "--election-event", ev, "--contest", "DG", "--language", "de", "--out", pdf]));
            string text = BallotRenderTests.PdfText(await File.ReadAllBytesAsync(pdf));
            Assert.Contains("Schröder Anneliese", text, StringComparison.Ordinal);
            Assert.Contains("Ersatzkandidaten", text, StringComparison.Ordinal);

            // The names in the ballot's language and the election day, from the EML 110 (not today's date).
            Assert.Contains("Europäisches Parlament", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Parlement européen", text, StringComparison.Ordinal);
            Assert.Contains("Deutschsprachiges Wahlkollegium – 10/06/2029", text, StringComparison.Ordinal);
            Assert.Equal(2, await Hv.RunAsync(["proof-ballot", "--candidates", eml, "--contest", "DG", "--language", "de", "--out", pdf]));
            Assert.Equal(0, await Hv.RunAsync(["proof-ballot", "--candidates", eml, "--contest", "DG", "--language", "de", "--date", "2029-06-10", "--out", pdf]));
            Assert.Equal(1, await Hv.RunAsync(["proof-ballot", "--candidates", eml, "--contest", "XX", "--date", "2029-06-10", "--out", pdf]));
            Assert.Equal(2, await Hv.RunAsync(["proof-ballot", "--candidates", eml]));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
