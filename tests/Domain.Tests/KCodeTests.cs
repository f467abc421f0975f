using System.Security.Cryptography;

namespace HybridVote.Domain.Tests;

public sealed class KCodeTests
{
    private static readonly byte[] MacKey = SHA256.HashData("test mac key"u8);
    private static readonly KCodeScope Bw = new("CH2026", "BW");
    private static readonly KCodeScope[] Election = [Bw];

    [Fact]
    public void Issue_Always_ProducesFourGroupsAndACheckSymbolThatCheckValid()
    {
        for (int i = 0; i < 1000; i++)
        {
            string code = KCode.Issue(Bw, MacKey);
            Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}-[0-9A-HJKMNP-TV-Z]$", code);
            Assert.IsType<KCodeCheck.Valid>(KCode.Check(code, Election, MacKey));
        }
    }

    [Fact]
    public void Check_EverySingleSymbolSubstitution_IsRejectedByTheCheckSymbol()
    {
        for (int n = 0; n < 50; n++)
        {
            string canonical = Canonical(KCode.Issue(Bw, MacKey));
            for (int pos = 0; pos < KCode.Length; pos++)
            {
                foreach (char c in KCode.Alphabet.Where(c => c != canonical[pos]))
                {
                    string typo = canonical[..pos] + c + canonical[(pos + 1)..];
                    Assert.IsType<KCodeCheck.BadCheckSymbol>(KCode.Check(typo, Election, MacKey));
                }
            }
        }
    }

    [Fact]
    public void Check_EveryAdjacentTransposition_IsRejectedByTheCheckSymbol()
    {
        for (int n = 0; n < 500; n++)
        {
            string canonical = Canonical(KCode.Issue(Bw, MacKey));
            for (int pos = 0; pos + 1 < KCode.Length; pos++)
            {
                if (canonical[pos] == canonical[pos + 1])
                {
                    continue;
                }

                string swapped = canonical[..pos] + canonical[pos + 1] + canonical[pos] + canonical[(pos + 2)..];
                Assert.IsType<KCodeCheck.BadCheckSymbol>(KCode.Check(swapped, Election, MacKey));
            }
        }
    }

    [Fact]
    public void Check_RandomCodesWithAValidCheckSymbol_AreRejectedAsForgedAtTheMacRate()
    {
        const int tries = 200_000;
        var random = new Random(42);
        int accepted = 0;
        var symbols = new int[KCode.Length];
        for (int i = 0; i < tries; i++)
        {
            for (int s = 0; s < KCode.Length - 1; s++)
            {
                symbols[s] = random.Next(32);
            }

            int check = CheckSymbol.For(symbols.AsSpan(0, KCode.Length - 1));
            if (check >= 32)
            {
                i--;
                continue;
            }

            symbols[^1] = check;
            string forged = new(symbols.Select(x => KCode.Alphabet[x]).ToArray());
            var result = KCode.Check(forged, Election, MacKey);
            Assert.IsNotType<KCodeCheck.BadCheckSymbol>(result);
            accepted += result is KCodeCheck.Valid ? 1 : 0;
        }

        // A 16-bit MAC accepts 1 in 65,536 forgeries: about 3 in 200,000. Six sigma above that is ~13.
        Assert.InRange(accepted, 0, 13);
    }

    [Theory]
    [InlineData("7kq2-9mxd-4htr-8wab-q", "7KQ29MXD4HTR8WABQ")]
    [InlineData(" 7KQ2 9MXD 4HTR 8WAB Q ", "7KQ29MXD4HTR8WABQ")]
    [InlineData("IL00-oOOO-0000-0000-0", "11000000000000000")]
    public void TryNormalize_CaseSpacesHyphensAndLookAlikes_AreNormalised(string typed, string expected)
    {
        Assert.True(KCode.TryNormalize(typed, out var canonical, out _));
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData("")]
    [InlineData("7KQ2-9MXD-4HTR-8WAB")]
    [InlineData("7KQ2-9MXD-4HTR-8WAB-QQ")]
    [InlineData("7KQ2-9MXD-4HTR-8WAB-U")]
    [InlineData("7KQ2-9MXD-4HTR-8WAB-!")]
    public void Check_MalformedInput_IsMalformed(string typed) =>
        Assert.IsType<KCodeCheck.Malformed>(KCode.Check(typed, Election, MacKey));

    [Fact]
    public void Check_CodeOfAnotherElection_IsForged()
    {
        string code = KCode.Issue(new("EU2026", "BW"), MacKey);
        Assert.IsType<KCodeCheck.Forged>(KCode.Check(code, Election, MacKey));
        Assert.Equal("EU2026", Assert.IsType<KCodeCheck.Valid>(KCode.Check(code, [Bw, new("EU2026", "BW")], MacKey)).ElectionId);
    }

    [Fact]
    public void Check_CodeOfAnotherConstituency_IsValidForThatConstituencyOnly()
    {
        string code = KCode.Issue(new("CH2026", "VB"), MacKey);
        Assert.IsType<KCodeCheck.Forged>(KCode.Check(code, Election, MacKey));
        var valid = Assert.IsType<KCodeCheck.Valid>(KCode.Check(code, [Bw, new("CH2026", "VB")], MacKey));
        Assert.Equal(("CH2026", "VB"), (valid.ElectionId, valid.ContestId));
    }

    private static string Canonical(string display) => display.Replace("-", string.Empty, StringComparison.Ordinal);
}
