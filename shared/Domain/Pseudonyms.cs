using System.Security.Cryptography;
using System.Text;

namespace HybridVote.Domain;

/// <summary>
/// Keyed hashes that let the system find a voter, a label or a counted ballot without storing
/// the national number, the label token or the K-code (ARCHITECTURE §3, TR010).
/// </summary>
public sealed class Pseudonyms(SecretKeys keys)
{
    /// <summary>Identifies a voter by a keyed hash of the national number.</summary>
    public byte[] VoterKey(string nationalNumber) => Hash(keys.Pepper, "voter", nationalNumber);

    /// <summary>Finds the envelope a label belongs to.</summary>
    public byte[] LabelTokenHash(string labelToken) => Hash(keys.Hash, "label", labelToken.Trim().ToUpperInvariant());

    /// <summary>Key of a counted ballot: never reversible to the K-code.</summary>
    public byte[] KCodeHash(string electionId, string canonicalKCode) => Hash(keys.Hash, "kcode", electionId + "\0" + canonicalKCode);

    /// <summary>Rate-limit key of a client address: counters never hold the address itself.</summary>
    public string ClientKey(string address) => Convert.ToHexString(Hash(keys.Hash, "client", address), 0, 16);

    /// <summary>Stored form of a bureau's scanner key.</summary>
    public byte[] BureauKeyHash(string bureauKey) => Hash(keys.Hash, "bureau", bureauKey);

    private static byte[] Hash(byte[] key, string purpose, string value) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose + "\0" + value));
}
