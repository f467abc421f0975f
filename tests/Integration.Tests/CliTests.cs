using HybridVote.Domain;
using HybridVote.Eml;
using HybridVote.Import;

namespace HybridVote.Integration.Tests;

public sealed class CliTests
{
    [Fact]
    public async Task Help_ListsEveryCommand_UnknownCommandIsAUsageError()
    {
        Assert.Equal(0, await Cli.RunAsync(["--help"]));
        foreach (var command in new[] { "migrate", "keys dev", "import election", "import in-person", "calendar set", "bureau key", "audit verify", "demo", "proof-ballot" })
        {
            Assert.Contains(command, Cli.Help, StringComparison.Ordinal);
        }

        Assert.Equal(2, await Cli.RunAsync(["frobnicate"]));
        Assert.Equal(2, await Cli.RunAsync([]));
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

            Assert.Equal(0, await Cli.RunAsync(["proof-ballot", "--candidates", eml, "--contest", "DG", "--language", "de", "--out", pdf]));
            string text = BallotRenderTests.PdfText(await File.ReadAllBytesAsync(pdf));
            Assert.Contains("Schröder Anneliese", text, StringComparison.Ordinal);
            Assert.Contains("Ersatzkandidaten", text, StringComparison.Ordinal);
            Assert.Equal(1, await Cli.RunAsync(["proof-ballot", "--candidates", eml, "--contest", "XX", "--out", pdf]));
            Assert.Equal(2, await Cli.RunAsync(["proof-ballot", "--candidates", eml]));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
