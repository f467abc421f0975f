namespace HybridVote.Domain.Tests;

public sealed class LabelTokenTests
{
    [Fact]
    public void New_IsTwentySymbolsInFives_AndItsCheckHolds()
    {
        for (int i = 0; i < 500; i++)
        {
            var token = LabelToken.New();
            Assert.Matches("^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$", token);
            Assert.Equal(LabelTokenCheck.Holds, LabelToken.Check(token));
        }
    }

    [Fact]
    public void Check_EverySingleSubstitutionAndAdjacentTransposition_Fails()
    {
        var token = LabelToken.New().Replace("-", string.Empty, StringComparison.Ordinal);
        for (int i = 0; i < token.Length; i++)
        {
            foreach (char c in KCode.Alphabet.Where(c => c != token[i]))
            {
                Assert.Equal(LabelTokenCheck.Fails, LabelToken.Check(token[..i] + c + token[(i + 1)..]));
            }

            if (i + 1 < token.Length && token[i] != token[i + 1])
            {
                Assert.Equal(LabelTokenCheck.Fails, LabelToken.Check(token[..i] + token[i + 1] + token[i] + token[(i + 2)..]));
            }
        }
    }

    [Fact]
    public void Normalize_ReadsTypedTokensAsPrinted()
    {
        var token = LabelToken.New();
        var typed = token.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal).Replace('0', 'o').Replace('1', 'l');
        Assert.Equal(token, LabelToken.Normalize(typed));
        Assert.Equal(token, LabelToken.Normalize(token.Replace("-", string.Empty, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCDE-FGHJK")]
    [InlineData("ABCDE-FGHJK-MNPQR-STVWX-Y")]
    [InlineData("ABCDE-FGHJK-MNPQR-STVWU")]
    public void Check_OfSomethingElse_IsNotALabel_AndNormalizeLeavesItAlone(string input)
    {
        Assert.Equal(LabelTokenCheck.NotALabel, LabelToken.Check(input));
        Assert.Equal(input.Trim().ToUpperInvariant(), LabelToken.Normalize(input));
    }
}
