using System.Security.Cryptography;

namespace HybridVote.Domain;

/// <summary>
/// The random token printed on the envelope label (as a QR code and in text) that lets a bureau
/// scanner find the voter's envelope record. It identifies the voter, never the ballot.
/// </summary>
public static class LabelToken
{
    /// <summary>A new 100-bit token in Crockford base32, grouped in fives.</summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[20];
        RandomNumberGenerator.Fill(bytes);
        var chars = new char[20];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = KCode.Alphabet[bytes[i] & 31];
        }

        var s = new string(chars);
        return string.Join('-', s[..5], s[5..10], s[10..15], s[15..]);
    }
}
