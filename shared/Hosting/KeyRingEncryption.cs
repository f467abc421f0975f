using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using HybridVote.Domain;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Hosting;

/// <summary>
/// Encrypts each key of the session key ring (ASP.NET Core Data Protection) before it is stored in
/// PostgreSQL, with AES-256-GCM under the mounted <c>keyring.key</c>: a database dump or backup is
/// not a credential (TR022, ASVS V6.4.1). The stored element names the key it was sealed with, so a
/// rotated key (<c>keyring.previous.key</c>) still opens the older entries.
/// </summary>
public sealed class KeyRingEncryptor(SecretKeys keys) : IXmlEncryptor
{
    internal static readonly byte[] Context = "hybridvote:data-protection-key-ring"u8.ToArray();

    /// <inheritdoc />
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        byte[] plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        byte[] sealedBytes = new byte[12 + plain.Length + 16];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, 12));
        using (var aes = new AesGcm(keys.KeyRing, 16))
        {
            aes.Encrypt(sealedBytes.AsSpan(0, 12), plain, sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length), Context);
        }

        var element = new XElement("sealedKey", new XAttribute("kek", KeyId(keys.KeyRing)), Convert.ToBase64String(sealedBytes));
        return new EncryptedXmlInfo(element, typeof(KeyRingDecryptor));
    }

    /// <summary>The id of a key-encryption key: the first bytes of its SHA-256 (not secret).</summary>
    internal static string KeyId(byte[] key) => Convert.ToHexString(SHA256.HashData(key), 0, 8);
}

/// <summary>Opens the key ring entries that <see cref="KeyRingEncryptor"/> sealed (activated by Data Protection).</summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    /// <inheritdoc />
    public XElement Decrypt(XElement encryptedElement)
    {
        var keys = services.GetRequiredService<SecretKeys>();
        string kek = (string?)encryptedElement.Attribute("kek") ?? string.Empty;
        byte[] key = new[] { keys.KeyRing, keys.PreviousKeyRing }.OfType<byte[]>().FirstOrDefault(k => KeyRingEncryptor.KeyId(k) == kek)
            ?? throw new CryptographicException($"the session key ring entry was sealed with key {kek}, which is not mounted");
        byte[] sealedBytes = Convert.FromBase64String(encryptedElement.Value);
        byte[] plain = new byte[sealedBytes.Length - 28];
        using (var aes = new AesGcm(key, 16))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length), plain, KeyRingEncryptor.Context);
        }

        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
