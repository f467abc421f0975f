using System.Security.Cryptography;
using System.Text;

namespace HybridVote.Domain;

/// <summary>AES-256-GCM sealing of personal data at rest (TR022, TR024): nonce ‖ tag ‖ ciphertext.</summary>
public sealed class Sealer(SecretKeys keys)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>Encrypts a text; <paramref name="context"/> is bound as associated data.</summary>
    public byte[] Seal(string plain, string context)
    {
        byte[] data = Encoding.UTF8.GetBytes(plain);
        byte[] sealedBytes = new byte[NonceSize + TagSize + data.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys.Encryption, TagSize);
        aes.Encrypt(nonce, data, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(context));
        return sealedBytes;
    }

    /// <summary>Decrypts what <see cref="Seal"/> produced with the same context.</summary>
    public string Open(byte[] sealedBytes, string context)
    {
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(keys.Encryption, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(context));
        return Encoding.UTF8.GetString(plain);
    }
}
