using HybridVote.Domain;
using HybridVote.Eml;
using HybridVote.Cli;

namespace HybridVote.Integration.Tests;

/// <summary>
/// Corrupted files — truncated, bit-flipped, wrong namespace, huge attribute, entity bomb — never
/// crash the import: a file changed after signing is refused by its signature (E004); a corrupt
/// file that is signed anyway is refused with a numbered error naming the problem and writes
/// nothing, or, when the corruption still forms a valid file, loads like any other.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class CorruptImportTests(TestInfrastructure infra) : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hv-corrupt-").FullName;

    // What each corruption of the signed-anyway file must give: 1 (refused with a numbered error,
    // nothing written) or 0 (still a valid file: it loads like any other). The bit flips use fixed
    // seeds, so their outcome is fixed too.
    public static TheoryData<string, int> Corruptions => new()
    {
        { "truncated", 1 }, { "bitflip-1", 1 }, { "bitflip-2", 1 }, { "bitflip-3", 1 }, { "wrong-namespace", 1 }, { "huge-attribute", 0 }, { "entity-bomb", 1 }, { "latin1-bytes", 1 },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public async Task CorruptFile_NeverCrashes_NamesTheProblem_WritesNothingWhenRefused(string corruption, int expected)
    {
        string keys = Path.Combine(dir, "keys"), trust = Path.Combine(dir, "trust"), file = Path.Combine(dir, corruption + ".eml");
        Assert.Equal(0, await Hv.RunAsync(["keys", "signing", "--dir", keys]));
        Directory.CreateDirectory(trust);
        File.Copy(Path.Combine(keys, "issuer.pub.pem"), Path.Combine(trust, "issuer.pub.pem"));
        // A stable seed per corruption (string.GetHashCode differs from run to run).
        int seed = corruption.Aggregate(17, (hash, c) => (hash * 31) + c) & 0xFFFF;
        var voters = Enumerable.Range(0, 50).Select(i => TestInfrastructure.Listed(NationalNumber.Compose(200101 + seed, 1 + i, false), "BW", "Élodie", "Ćosić", "CORRUPT")).ToList();
        await using (var stream = File.Create(file))
        {
            EmlWriter.WriteVoters(stream, voters);
        }

        string key = Path.Combine(keys, "issuer.key.pem");
        string[] import = ["import", "voters", file, "--trust", trust, "--signature", file + ".sig"];
        Assert.Equal(0, await Run(["sign", file, "--key", key]));
        await File.WriteAllBytesAsync(file, Corrupt(await File.ReadAllBytesAsync(file), corruption));
        var (afterSigning, message) = await RunCapturingAsync(import);
        Assert.Equal(1, afterSigning);
        Assert.Contains("E004", message, StringComparison.Ordinal);

        Assert.Equal(0, await Run(["sign", file, "--key", key]));
        var (signedAnyway, problem) = await RunCapturingAsync(import);
        long loaded = await infra.ScalarAsync<long>("SELECT count(*) FROM voter WHERE voter_key = ANY($1)", (object)voters.Select(v => infra.Pseudonyms.VoterKey(v.NationalNumber)).ToArray());
        Assert.True(expected == signedAnyway, $"{corruption}: exit {signedAnyway}, expected {expected}; {problem}");
        if (expected == 1)
        {
            Assert.Matches("E1[0-9][0-9]", problem);
            Assert.Equal(0L, loaded);
        }
        else
        {
            Assert.True(loaded > 0, $"{corruption} was accepted but loaded no voter");
        }
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static byte[] Corrupt(byte[] file, string corruption)
    {
        string text = System.Text.Encoding.UTF8.GetString(file);
        return corruption switch
        {
            "truncated" => file[..(file.Length / 2)],
            "wrong-namespace" => System.Text.Encoding.UTF8.GetBytes(text.Replace("urn:oasis:names:tc:evs:schema:eml", "urn:example:not-eml", StringComparison.Ordinal)),
            "huge-attribute" => System.Text.Encoding.UTF8.GetBytes(text.Replace("SchemaVersion=\"5.0\"", $"SchemaVersion=\"{new string('9', 5_000_000)}\"", StringComparison.Ordinal)),
            "entity-bomb" => System.Text.Encoding.UTF8.GetBytes(text.Replace("<EML ", "<!DOCTYPE EML [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><EML ", StringComparison.Ordinal).Replace("<TransactionId>1</TransactionId>", "<TransactionId>&c;</TransactionId>", StringComparison.Ordinal)),
            "latin1-bytes" => System.Text.Encoding.Latin1.GetBytes(text),
            _ => FlipBits(file, int.Parse(corruption[^1..], System.Globalization.CultureInfo.InvariantCulture)),
        };
    }

    private static byte[] FlipBits(byte[] file, int seed)
    {
        var copy = (byte[])file.Clone();
        var random = new Random(seed);
        for (int i = 0; i < 8; i++)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }

        return copy;
    }

    private Task<int> Run(string[] args) => infra.HvAsync(args);

    private Task<(int Code, string Error)> RunCapturingAsync(string[] args) => infra.HvCapturingAsync(args);
}
