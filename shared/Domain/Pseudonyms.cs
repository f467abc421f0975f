using System.Security.Cryptography;
using System.Text;

namespace HybridVote.Domain;

/// <summary>
/// Keyed hashes that let the system find a voter, a label or a counted ballot without storing
/// the national number, the label token or the K-code (ARCHITECTURE §3, TR010).
/// </summary>
public sealed class Pseudonyms(SecretKeys keys)
{
    // A reusable HMAC per thread: a one-shot HMAC sets up a new context each time, which doubles the
    // cost of pseudonymising 8.2 million national numbers at import.
    private readonly ThreadLocal<IncrementalHash> voterHmac = new(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, keys.Pepper));

    /// <summary>Identifies a voter by a keyed hash of the national number.</summary>
    public byte[] VoterKey(string nationalNumber)
    {
        if (nationalNumber.Length > 16)
        {
            return Hash(keys.Pepper, "voter", nationalNumber);
        }

        // Same bytes as Hash(keys.Pepper, "voter", …): "voter", NUL, the number in UTF-8.
        Span<byte> data = stackalloc byte[6 + (16 * 3)];
        int length = Encoding.UTF8.GetBytes("voter\0", data);
        length += Encoding.UTF8.GetBytes(nationalNumber, data[length..]);
        var hmac = voterHmac.Value!;
        hmac.AppendData(data[..length]);
        return hmac.GetHashAndReset();
    }

    /// <summary>
    /// Identifies a member of staff by a keyed hash of the national number (SEC003), in a context of
    /// its own: the staff table cannot be joined with the voter table.
    /// </summary>
    public byte[] StaffKey(string nationalNumber) => Hash(keys.Pepper, "staff", nationalNumber);

    /// <summary>Finds the envelope a label belongs to, however the token was read or typed (<see cref="LabelToken.Normalize"/>).</summary>
    public byte[] LabelTokenHash(string labelToken) => Hash(keys.Hash, "label", LabelToken.Normalize(labelToken));

    /// <summary>Key of a counted ballot: never reversible to the K-code.</summary>
    public byte[] KCodeHash(string electionId, string canonicalKCode) => Hash(keys.Hash, "kcode", electionId + "\0" + canonicalKCode);

    /// <summary>Rate-limit key of a client address: counters never hold the address itself.</summary>
    public string ClientKey(string address) => Convert.ToHexString(Hash(keys.Hash, "client", address), 0, 16);

    /// <summary>Stored form of a bureau's scanner key.</summary>
    public byte[] BureauKeyHash(string bureauKey) => Hash(keys.Hash, "bureau", bureauKey);

    private static byte[] Hash(byte[] key, string purpose, string value) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose + "\0" + value));
}
