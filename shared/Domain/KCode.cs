using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace HybridVote.Domain;

/// <summary>An election and one of its constituencies: what a K-code belongs to.</summary>
public sealed record KCodeScope(string ElectionId, string ContestId);

/// <summary>
/// The voter's verification code (FR006, TR007, TR009, TR010): 64 random bits and a 16-bit MAC over
/// (election id, constituency, random part), written as 16 Crockford base32 symbols in groups of
/// four plus one check symbol. It is self-verifying, so the system stores nothing when it issues
/// one; the constituency in the MAC reveals nothing the ballot's own layout does not, and lets a
/// counting bureau refuse a code of another constituency.
/// </summary>
public static class KCode
{
    /// <summary>Crockford base32 symbols: no I, L, O or U.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    internal const int DataSymbols = 16;
    /// <summary>Symbols in a K-code, check symbol included (the ballot has one cell per symbol).</summary>
    public const int Length = DataSymbols + 1;
    private static readonly byte[] MacLabel = "hybridvote/kcode/v2"u8.ToArray();

    /// <summary>Issues a fresh K-code for an election and constituency (FR006). Nothing about it is stored.</summary>
    public static string Issue(KCodeScope scope, ReadOnlySpan<byte> macKey)
    {
        Span<byte> random = stackalloc byte[8];
        Span<int> symbols = stackalloc int[Length];
        while (true)
        {
            RandomNumberGenerator.Fill(random);
            FillSymbols(random, Mac(scope, random, macKey), symbols);
            int check = CheckSymbol.For(symbols[..DataSymbols]);
            // Check values 32..36 would need symbols outside the hand-typeable alphabet: draw again.
            if (check < Alphabet.Length)
            {
                symbols[DataSymbols] = check;
                return Format(symbols);
            }
        }
    }

    /// <summary>Checks a typed K-code against the elections and constituencies it may belong to.</summary>
    public static KCodeCheck Check(string? input, IEnumerable<KCodeScope> scopes, ReadOnlySpan<byte> macKey)
    {
        if (!TryNormalize(input, out var canonical, out var reason))
        {
            return new KCodeCheck.Malformed(reason);
        }

        Span<int> symbols = stackalloc int[Length];
        for (int i = 0; i < Length; i++)
        {
            symbols[i] = Alphabet.IndexOf(canonical[i], StringComparison.Ordinal);
        }

        if (!CheckSymbol.Holds(symbols))
        {
            return new KCodeCheck.BadCheckSymbol();
        }

        Span<byte> payload = stackalloc byte[10];
        ToPayload(symbols[..DataSymbols], payload);
        ushort mac = BinaryPrimitives.ReadUInt16BigEndian(payload[8..]);
        foreach (var scope in scopes)
        {
            if (Mac(scope, payload[..8], macKey) == mac)
            {
                return new KCodeCheck.Valid(scope.ElectionId, canonical, scope.ContestId);
            }
        }

        return new KCodeCheck.Forged();
    }

    /// <summary>
    /// Normalises what a voter typed: case-insensitive, I and L read as 1, O as 0, hyphens and spaces
    /// ignored. The canonical form is the 17 symbols without separators.
    /// </summary>
    public static bool TryNormalize(string? input, out string canonical, out string reason)
    {
        canonical = string.Empty;
        if (string.IsNullOrWhiteSpace(input))
        {
            reason = "empty";
            return false;
        }

        if (input.Length > 64)
        {
            reason = "too long";
            return false;
        }

        var sb = new StringBuilder(Length);
        foreach (char raw in input)
        {
            int symbol = CheckSymbol.Read(raw);
            if (symbol == CheckSymbol.Separator)
            {
                continue;
            }

            if (symbol < 0)
            {
                reason = "contains a character that is not used in K-codes";
                return false;
            }

            sb.Append(Alphabet[symbol]);
        }

        if (sb.Length != Length)
        {
            reason = $"has {sb.Length} symbols instead of {Length}";
            return false;
        }

        canonical = sb.ToString();
        reason = string.Empty;
        return true;
    }

    /// <summary>Groups a canonical code as XXXX-XXXX-XXXX-XXXX-C for display.</summary>
    public static string Display(string canonical) =>
        string.Join('-', canonical[..4], canonical[4..8], canonical[8..12], canonical[12..16], canonical[16..]);

    private static string Format(ReadOnlySpan<int> symbols)
    {
        Span<char> chars = stackalloc char[Length];
        for (int i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[symbols[i]];
        }

        return Display(new string(chars));
    }

    private static ushort Mac(KCodeScope scope, ReadOnlySpan<byte> random, ReadOnlySpan<byte> macKey)
    {
        var message = new byte[MacLabel.Length + Encoding.UTF8.GetByteCount(scope.ElectionId) + 1 + Encoding.UTF8.GetByteCount(scope.ContestId) + 1 + random.Length];
        MacLabel.CopyTo(message, 0);
        int offset = MacLabel.Length + Encoding.UTF8.GetBytes(scope.ElectionId, 0, scope.ElectionId.Length, message, MacLabel.Length);
        message[offset++] = 0;
        offset += Encoding.UTF8.GetBytes(scope.ContestId, 0, scope.ContestId.Length, message, offset);
        message[offset++] = 0;
        random.CopyTo(message.AsSpan(offset));
        Span<byte> digest = stackalloc byte[32];
        HMACSHA256.HashData(macKey, message, digest);
        return BinaryPrimitives.ReadUInt16BigEndian(digest);
    }

    private static void FillSymbols(ReadOnlySpan<byte> random, ushort mac, Span<int> symbols)
    {
        UInt128 value = ((UInt128)BinaryPrimitives.ReadUInt64BigEndian(random) << 16) | mac;
        for (int i = DataSymbols - 1; i >= 0; i--)
        {
            symbols[i] = (int)(value & 31);
            value >>= 5;
        }
    }

    private static void ToPayload(ReadOnlySpan<int> data, Span<byte> payload)
    {
        UInt128 value = 0;
        foreach (int symbol in data)
        {
            value = (value << 5) | (uint)symbol;
        }

        BinaryPrimitives.WriteUInt64BigEndian(payload, (ulong)(value >> 16));
        BinaryPrimitives.WriteUInt16BigEndian(payload[8..], (ushort)(value & 0xFFFF));
    }
}
