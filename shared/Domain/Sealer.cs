using System.Security.Cryptography;
using System.Text;

namespace HybridVote.Domain;

/// <summary>AES-256-GCM sealing of personal data at rest (TR022, TR024): nonce ‖ tag ‖ ciphertext.</summary>
public sealed class Sealer(SecretKeys keys)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    // One cipher per thread: creating one costs more than sealing a name (8.2 million at import).
    private readonly ThreadLocal<AesGcm> cipher = new(() => new AesGcm(keys.Encryption, TagSize));

    // Random nonces drawn from the system generator in blocks rather than 12 bytes at a time.
    private readonly ThreadLocal<NonceBlock> nonces = new(() => new NonceBlock());

    /// <summary>Encrypts a text; <paramref name="context"/> is bound as associated data.</summary>
    public byte[] Seal(string plain, string context)
    {
        byte[] data = Encoding.UTF8.GetBytes(plain);
        byte[] sealedBytes = new byte[NonceSize + TagSize + data.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        nonces.Value!.Next(nonce);
        cipher.Value!.Encrypt(nonce, data, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(context));
        return sealedBytes;
    }

    /// <summary>Decrypts what <see cref="Seal"/> produced with the same context.</summary>
    public string Open(byte[] sealedBytes, string context)
    {
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        cipher.Value!.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(context));
        return Encoding.UTF8.GetString(plain);
    }

    private sealed class NonceBlock
    {
        private readonly byte[] block = new byte[NonceSize * 256];
        private int used = NonceSize * 256;

        public void Next(Span<byte> nonce)
        {
            if (used == block.Length)
            {
                RandomNumberGenerator.Fill(block);
                used = 0;
            }

            block.AsSpan(used, NonceSize).CopyTo(nonce);
            block.AsSpan(used, NonceSize).Clear();
            used += NonceSize;
        }
    }
}
