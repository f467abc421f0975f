namespace HybridVote.Domain;

/// <summary>
/// The deployment's secret keys (ARCHITECTURE §3). They come from mounted files, never from the
/// repository; <c>hv keys dev</c> generates a development set.
/// </summary>
/// <param name="Pepper">Keys the hash of the national number that identifies a voter.</param>
/// <param name="KCodeMac">Keys the MAC inside every K-code.</param>
/// <param name="Hash">Keys the hashes of K-codes, label tokens and bureau keys.</param>
/// <param name="Encryption">AES-256-GCM key for names and addresses at rest (TR022).</param>
/// <param name="KeyRing">AES-256-GCM key that encrypts the session key ring stored in the database, so that a
/// database dump alone cannot mint a session (TR022, ASVS V6.4.1).</param>
/// <param name="PreviousKeyRing">The key ring key before the last rotation (optional file), still accepted for reading.</param>
public sealed record SecretKeys(byte[] Pepper, byte[] KCodeMac, byte[] Hash, byte[] Encryption, byte[] KeyRing, byte[]? PreviousKeyRing = null)
{
    /// <summary>File names inside the key directory (all required).</summary>
    public static readonly IReadOnlyList<string> FileNames = ["pepper.key", "kcode-mac.key", "hash.key", "encryption.key", "keyring.key"];

    /// <summary>The optional file of the previous key ring key (rotation).</summary>
    public const string PreviousKeyRingFile = "keyring.previous.key";
}
