using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HybridVote.Eml;

/// <summary>What checking a file against its detached signature found.</summary>
public abstract record SignatureCheck
{
    private SignatureCheck()
    {
    }

    /// <summary>Signed by a trusted issuing authority; <paramref name="Sha256"/> is the file hash.</summary>
    public sealed record Valid(string KeyId, string Sha256) : SignatureCheck;

    /// <summary>No signature was given.</summary>
    public sealed record Unsigned : SignatureCheck;

    /// <summary>The signature file cannot be read.</summary>
    public sealed record Malformed(string Reason) : SignatureCheck;

    /// <summary>Signed with a key that is not in the trust store.</summary>
    public sealed record UntrustedKey(string KeyId) : SignatureCheck;

    /// <summary>The file was changed after signing, or the signature is forged.</summary>
    public sealed record BadSignature(string KeyId) : SignatureCheck;
}

/// <summary>
/// Detached signatures of imported files (NL decree Ea 1(4); the Flemish checksum practice):
/// ECDSA P-256 over SHA-256 of the exact file bytes, by a key of the issuing authority. The
/// signature file is text: a format line, the key id, the file's SHA-256 and the signature.
/// </summary>
public static class FileSignature
{
    private const string Format = "hybridvote-signature-v1";

    /// <summary>The key id: the first 16 hex digits of SHA-256 of the public key (SubjectPublicKeyInfo).</summary>
    public static string KeyId(ECDsa key) => Convert.ToHexString(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16].ToLowerInvariant();

    /// <summary>Signs a file's bytes; returns the signature file's text.</summary>
    public static string Sign(Stream file, ECDsa privateKey)
    {
        byte[] hash = SHA256.HashData(file);
        byte[] signature = privateKey.SignHash(hash);
        return $"{Format}\nkey: {KeyId(privateKey)}\nsha256: {Convert.ToHexString(hash).ToLowerInvariant()}\nsignature: {Convert.ToBase64String(signature)}\n";
    }

    /// <summary>Checks a file against a signature text and the trusted public keys (by key id).</summary>
    public static SignatureCheck Verify(Stream file, string? signatureText, IReadOnlyDictionary<string, ECDsa> trusted)
    {
        if (string.IsNullOrWhiteSpace(signatureText))
        {
            return new SignatureCheck.Unsigned();
        }

        var fields = signatureText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length < 4 || fields[0] != Format)
        {
            return new SignatureCheck.Malformed($"the first line must be '{Format}' followed by key, sha256 and signature lines");
        }

        var values = fields.Skip(1).Select(f => f.Split(':', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        if (!values.TryGetValue("key", out var keyId) || !values.TryGetValue("signature", out var encoded))
        {
            return new SignatureCheck.Malformed("key or signature line missing");
        }

        if (!trusted.TryGetValue(keyId, out var key))
        {
            return new SignatureCheck.UntrustedKey(keyId);
        }

        byte[] hash = SHA256.HashData(file);
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            return new SignatureCheck.Malformed("the signature is not base64");
        }

        return key.VerifyHash(hash, signature)
            ? new SignatureCheck.Valid(keyId, Convert.ToHexString(hash).ToLowerInvariant())
            : new SignatureCheck.BadSignature(keyId);
    }

    /// <summary>Loads every public key (*.pem) of a trust-store directory, by key id.</summary>
    public static IReadOnlyDictionary<string, ECDsa> LoadTrustStore(string directory)
    {
        var keys = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.pem"))
        {
            var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(file));
            keys[KeyId(key)] = key;
        }

        return keys;
    }

    /// <summary>Creates a development signing key pair: private PEM and public PEM.</summary>
    public static (string PrivatePem, string PublicPem) CreateDevelopmentKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    }

    /// <summary>A one-line description for messages and the audit trail.</summary>
    public static string Describe(SignatureCheck check) => check switch
    {
        SignatureCheck.Valid v => string.Create(CultureInfo.InvariantCulture, $"signed by key {v.KeyId}, sha256 {v.Sha256}"),
        SignatureCheck.Unsigned => "E001 the file is not signed (give --signature FILE.sig)",
        SignatureCheck.Malformed m => "E002 the signature file cannot be read: " + m.Reason,
        SignatureCheck.UntrustedKey u => $"E003 the file is signed with key {u.KeyId}, which is not in the trust store",
        SignatureCheck.BadSignature b => $"E004 the signature of key {b.KeyId} does not match the file: it was changed after signing, or the signature is forged",
        _ => throw new InvalidOperationException(),
    };
}
