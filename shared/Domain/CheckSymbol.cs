namespace HybridVote.Domain;

/// <summary>
/// The check symbol of hand-typed codes (K-codes, label tokens; TR009): a weighted sum modulo the
/// prime 37 with weights 1..n detects every single substitution (weight and difference are both
/// non-zero below 37) and every adjacent transposition (neighbouring weights differ by one). The
/// last symbol makes the sum zero; values 32..36 have no symbol in the alphabet, so an issuer draws again.
/// </summary>
internal static class CheckSymbol
{
    private const int Modulus = 37;

    /// <summary>The check value (0..36) that completes <paramref name="data"/>; usable only when below 32.</summary>
    public static int For(ReadOnlySpan<int> data)
    {
        int partial = WeightedSum(data);
        int lastWeight = data.Length + 1;
        return (Modulus - partial) % Modulus * Inverse(lastWeight) % Modulus;
    }

    /// <summary><see cref="Read"/>'s answer for a hyphen, space or tab: people group codes with them.</summary>
    public const int Separator = -1;

    /// <summary><see cref="Read"/>'s answer for a character that is no symbol.</summary>
    public const int NotASymbol = -2;

    /// <summary>
    /// The symbol a person meant by a typed or scanned character: case does not matter, I and L
    /// read as 1, O as 0 (Crockford); <see cref="Separator"/> or <see cref="NotASymbol"/> otherwise.
    /// </summary>
    public static int Read(char raw)
    {
        if (raw is '-' or ' ' or '\t')
        {
            return Separator;
        }

        char c = char.ToUpperInvariant(raw) switch
        {
            'I' or 'L' => '1',
            'O' => '0',
            var other => other,
        };
        int symbol = KCode.Alphabet.IndexOf(c, StringComparison.Ordinal);
        return symbol < 0 ? NotASymbol : symbol;
    }

    /// <summary>Whether the symbols, check symbol last, sum to zero.</summary>
    public static bool Holds(ReadOnlySpan<int> symbols) => WeightedSum(symbols) == 0;

    private static int WeightedSum(ReadOnlySpan<int> symbols)
    {
        int sum = 0;
        for (int i = 0; i < symbols.Length; i++)
        {
            sum = (sum + ((i + 1) * symbols[i])) % Modulus;
        }

        return sum;
    }

    // Fermat: w^(p-2) is the inverse of w modulo the prime p (w is never a multiple of 37 here).
    private static int Inverse(int weight)
    {
        int result = 1, b = weight % Modulus;
        for (int e = Modulus - 2; e > 0; e >>= 1, b = b * b % Modulus)
        {
            if ((e & 1) == 1)
            {
                result = result * b % Modulus;
            }
        }

        return result;
    }
}
