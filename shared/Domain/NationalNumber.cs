namespace HybridVote.Domain;

/// <summary>The Belgian national register number: 11 digits, the last two a mod-97 check.</summary>
public static class NationalNumber
{
    /// <summary>Strips separators and checks the mod-97 check digits (with the 2000+ rule).</summary>
    public static bool TryNormalize(string? input, out string normalized)
    {
        normalized = string.Empty;
        if (input is null)
        {
            return false;
        }

        var digits = new string(input.Where(c => c is not ('.' or '-' or ' ')).ToArray());
        if (digits.Length != 11 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        long body = long.Parse(digits.AsSpan(0, 9), provider: null);
        int check = int.Parse(digits.AsSpan(9, 2), provider: null);
        if (97 - (body % 97) != check && 97 - ((2_000_000_000L + body) % 97) != check)
        {
            return false;
        }

        normalized = digits;
        return true;
    }

    /// <summary>Builds a valid number from a birth date part (yymmdd) and a serial (for synthetic data).</summary>
    public static string Compose(int yymmdd, int serial, bool bornFrom2000)
    {
        long body = (yymmdd * 1000L) + serial;
        long basis = bornFrom2000 ? 2_000_000_000L + body : body;
        long check = 97 - (basis % 97);
        return $"{body:D9}{check:D2}";
    }
}
