using System.Security.Cryptography;

namespace HybridVote.Domain;

/// <summary>What the check symbol of a label token read or typed at a bureau says.</summary>
public enum LabelTokenCheck
{
    /// <summary>Twenty symbols whose check symbol holds: a label of this system's format.</summary>
    Holds = 0,

    /// <summary>Twenty symbols whose check symbol does not hold: most likely a typing or reading error.</summary>
    Fails = 1,

    /// <summary>Not twenty symbols of the label alphabet: not one of this system's labels.</summary>
    NotALabel = 2,
}

/// <summary>The stable codes of <see cref="LabelTokenCheck"/> (API, page texts under <c>label-check-</c> + code).</summary>
public static class LabelTokenChecks
{
    private static readonly CodeTable<LabelTokenCheck> Table = new(new Dictionary<LabelTokenCheck, string>
    {
        [LabelTokenCheck.Holds] = "holds",
        [LabelTokenCheck.Fails] = "fails",
        [LabelTokenCheck.NotALabel] = "not-a-label",
    });

    /// <summary>The stable code of a check result.</summary>
    public static string Code(this LabelTokenCheck check) => Table.Code(check);

    /// <summary>The check result of a stable code, or null.</summary>
    public static LabelTokenCheck? FromCode(string? code) => Table.FromCode(code);
}

/// <summary>
/// The random token printed on the envelope label (as a QR code and in text) that lets a bureau
/// scanner find the voter's envelope record. It identifies the voter, never the ballot. Nineteen
/// random Crockford base32 symbols (95 bits) and one check symbol (TR009), grouped in fives, so a
/// bureau can tell a mistyped token from a label that is not ours.
/// </summary>
public static class LabelToken
{
    /// <summary>Symbols in a token, check symbol included.</summary>
    public const int Length = 20;

    /// <summary>A new token: 19 random symbols and a check symbol, grouped in fives.</summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[Length - 1];
        Span<int> symbols = stackalloc int[Length];
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            for (int i = 0; i < bytes.Length; i++)
            {
                symbols[i] = bytes[i] & 31;
            }

            int check = CheckSymbol.For(symbols[..(Length - 1)]);
            if (check < KCode.Alphabet.Length)
            {
                symbols[Length - 1] = check;
                return Display(symbols);
            }
        }
    }

    /// <summary>
    /// The token as printed (XXXXX-XXXXX-XXXXX-XXXXX, upper case) from what a scanner read or a
    /// person typed: case, spaces and hyphens do not matter, I and L read as 1 and O as 0. Input
    /// that is not twenty symbols of the alphabet is returned trimmed and upper-cased, unchanged
    /// otherwise, so it still finds nothing rather than something else.
    /// </summary>
    public static string Normalize(string input)
    {
        Span<int> symbols = stackalloc int[Length];
        return Read(input, symbols) ? Display(symbols) : input.Trim().ToUpperInvariant();
    }

    /// <summary>What the check symbol of <paramref name="input"/> says (read like <see cref="Normalize"/>).</summary>
    public static LabelTokenCheck Check(string input)
    {
        Span<int> symbols = stackalloc int[Length];
        if (!Read(input, symbols))
        {
            return LabelTokenCheck.NotALabel;
        }

        return CheckSymbol.Holds(symbols) ? LabelTokenCheck.Holds : LabelTokenCheck.Fails;
    }

    private static bool Read(string input, Span<int> symbols)
    {
        int n = 0;
        foreach (char raw in input)
        {
            int symbol = CheckSymbol.Read(raw);
            if (symbol == CheckSymbol.Separator)
            {
                continue;
            }

            if (symbol < 0 || n == Length)
            {
                return false;
            }

            symbols[n++] = symbol;
        }

        return n == Length;
    }

    private static string Display(ReadOnlySpan<int> symbols)
    {
        Span<char> chars = stackalloc char[Length + 3];
        int at = 0;
        for (int i = 0; i < Length; i++)
        {
            if (i > 0 && i % 5 == 0)
            {
                chars[at++] = '-';
            }

            chars[at++] = KCode.Alphabet[symbols[i]];
        }

        return new string(chars);
    }
}
