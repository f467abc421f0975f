namespace HybridVote.Domain;

/// <summary>
/// The deployment's secret keys (ARCHITECTURE §3). They come from mounted files, never from the
/// repository; <c>hv keys dev</c> generates a development set.
/// </summary>
/// <param name="Pepper">Keys the hash of the national number that identifies a voter.</param>
/// <param name="KCodeMac">Keys the MAC inside every K-code.</param>
/// <param name="Hash">Keys the hashes of K-codes, label tokens and bureau keys.</param>
/// <param name="Encryption">AES-256-GCM key for names and addresses at rest (TR022).</param>
public sealed record SecretKeys(byte[] Pepper, byte[] KCodeMac, byte[] Hash, byte[] Encryption)
{
    /// <summary>File names inside the key directory.</summary>
    public static readonly IReadOnlyList<string> FileNames = ["pepper.key", "kcode-mac.key", "hash.key", "encryption.key"];
}
