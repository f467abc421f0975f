using System.Security.Cryptography;
using HybridVote.Domain;
using HybridVote.ElectionResults;
using HybridVote.Eml;

namespace HybridVote.Ballots.Tests;

/// <summary>The hybrid PV (deterministic, every name and figure in its text) and EML 510 (valid against the OASIS schema, deterministic, read back to the same figures).</summary>
public sealed class ResultsFilesTests
{
    private static readonly CandidateListDefinition[] Lists =
    [
        new("CH2029", "BXL", 1, "Écolo-Groen", ["Zoé Vandenbossche", "Mathéo Dupont-Çelik"], ["Ève Lambert"]),
        new("CH2029", "BXL", 2, "Liste Bruxelloise", ["Jan Peeters"], []),
    ];

    private static readonly CountHeader Header = new("BE2029", "CH2029", "Chambre des représentants / Kamer van volksvertegenwoordigers 2029", "BXL", "Bruxelles-Capitale / Brussel-Hoofdstad", "fr+nl", 15);

    // A bureau's sheet: R = 5031 + offset, every check met except W.201 (blank ≥ 3 %), explained.
    private static LockedSheet Lock(int offset, bool explain)
    {
        var layout = CountReports.LayoutOf(Lists);
        var v = new Dictionary<string, long>
        {
            ["R"] = 5031 + offset, ["class:valid"] = 4700 + offset, ["class:doubtful-validated"] = 17, ["class:doubtful-cancelled"] = 4, ["class:blank-or-invalid"] = 303,
            ["class:rejected-voted-in-person"] = 7, ["V"] = 4717 + offset,
            ["list:1:total"] = 2917 + offset, ["list:1:list-only"] = 1417 + offset, ["list:1:preferences"] = 1500, ["list:1:e1"] = 1234, ["list:1:e2"] = 876, ["list:1:s1"] = 91,
            ["list:2:total"] = 1800, ["list:2:list-only"] = 1111, ["list:2:preferences"] = 689, ["list:2:e1"] = 689,
        };
        var explanations = explain ? new Dictionary<string, string> { ["W.201"] = "Beaucoup de bulletins blancs déposés par protestation." } : [];
        string canonical = TallyLock.Canonical(new TallySheet(v), layout, explanations);
        return new LockedSheet(canonical, TallyLock.Hash(canonical), 1, new DateTimeOffset(2029, 6, 9, 21, 15 + offset, 0, TimeSpan.Zero), "president-" + offset);
    }

    internal static ConstituencyCount Count()
    {
        var (count, refused) = CountReports.Build(Header, Lists, [
            new BureauSheet("BXL-002", "Bureau d'Ixelles", false, Lock(1, true), new ReceptionDay(default, 5100, 5032, 40, 8, 12, 8, 0)),
            new BureauSheet("BXL-001", "Bureau principal de Bruxelles", false, Lock(0, true), null),
            new BureauSheet("BXL-A01", "Bureau des Belges à l'étranger", true, Lock(2, true), null)]);
        Assert.Null(refused);
        return count!;
    }

    [Fact]
    public void Eml510_IsValidAgainstTheOasisSchema_Deterministic_AndReadsBackToTheSameFigures()
    {
        var count = Count();
        byte[] first = Write(s => EmlCount.WriteConstituency(s, count));
        Assert.Equal(first, Write(s => EmlCount.WriteConstituency(s, Count())));
        var read = EmlCount.Read(new MemoryStream(first), Lists);
        Assert.Equal(("CH2029", "BXL"), (read.ElectionId, read.ContestId));
        foreach (string field in count.Layout.Fields)
        {
            Assert.True(count.Combined[field] == read.Combined[field], $"{field}: {count.Combined[field]} written, {read.Combined.GetValueOrDefault(field)} read");
            Assert.Equal(count.Abroad[field], read.Abroad[field]);
            foreach (var unit in count.Bureaus)
            {
                Assert.Equal(unit.Sheet[field], read.Units[unit.Id][field]);
            }
        }

        // 3 bureaus: R = 5031 × 3 + 0 + 1 + 2, abroad only BXL-A01.
        Assert.Equal(15_096, read.Combined["R"]);
        Assert.Equal(5_033, read.Abroad["R"]);
        var bureau = EmlCount.Read(new MemoryStream(Write(s => EmlCount.WriteBureau(s, count, count.Bureaus[0]))), Lists);
        Assert.Equal(5_031, bureau.Combined["R"]);
        Assert.Empty(bureau.Units);
    }

    [Fact]
    public void Eml510_ThatBreaksTheSchema_IsRefusedWithE101()
    {
        string text = System.Text.Encoding.UTF8.GetString(Write(s => EmlCount.WriteConstituency(s, Count()))).Replace("<Cast>", "<Cast>-", StringComparison.Ordinal);
        var error = Assert.Throws<EmlValidationException>(() => EmlCount.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), Lists));
        Assert.Equal("E101", error.Issue.Code);
    }

    [Fact]
    public void ConstituencyPv_IsByteIdentical_ForTheSameCount_AndShowsEveryNameAndFigure_BothLanguages()
    {
        var count = Count();
        string sha = Convert.ToHexStringLower(SHA256.HashData(Write(s => EmlCount.WriteConstituency(s, count))));
        byte[] pdf = PvRenderer.Render(count, null, sha);
        Assert.Equal(pdf, PvRenderer.Render(Count(), null, sha));
        string text = Poppler.Text(pdf);
        string flat = string.Join(' ', text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Procès-verbal hybride / Hybride proces-verbaal", flat, StringComparison.Ordinal);
        foreach (string name in Lists.SelectMany(l => l.Effective.Concat(l.Substitutes).Append(l.Name)).Concat(["Bureau d'Ixelles", "Bruxelles-Capitale / Brussel-Hoofdstad"]))
        {
            Assert.Contains(name, flat, StringComparison.Ordinal);
        }

        var words = flat.Split(' ');
        foreach (string field in count.Layout.Fields)
        {
            Assert.Contains(count.Combined[field].ToString(System.Globalization.CultureInfo.InvariantCulture), words);
            Assert.Contains(count.Abroad[field].ToString(System.Globalization.CultureInfo.InvariantCulture), words);
        }

        Assert.Contains(sha, flat, StringComparison.Ordinal);
        Assert.Contains(count.Bureaus[0].Lock.Sha256, flat, StringComparison.Ordinal);
        Assert.Contains("W.201", flat, StringComparison.Ordinal);
        Assert.Contains("Bureau des Belges à l'étranger (BXL-A01)", flat, StringComparison.Ordinal);
    }

    [Fact]
    public void BureauPv_ShowsItsReceptionAndLock()
    {
        var count = Count();
        var bureau = count.Bureaus.Single(b => b.Id == "BXL-002");
        string flat = string.Join(' ', Poppler.Text(PvRenderer.Render(count, bureau, new string('a', 64))).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Reçues 5100, acceptées pour le dépouillement 5032, mises de côté 56.", flat, StringComparison.Ordinal);
        Assert.Contains(bureau.Lock.Sha256, flat, StringComparison.Ordinal);
        Assert.Contains("president-1", flat, StringComparison.Ordinal);
        Assert.Contains("W.201", flat, StringComparison.Ordinal);
        Assert.Contains("Beaucoup de bulletins blancs déposés par protestation.", flat, StringComparison.Ordinal);
        Assert.Contains("F.101", flat, StringComparison.Ordinal);
        Assert.Contains("5032", flat.Split(' '));
    }

    private static byte[] Write(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }
}
