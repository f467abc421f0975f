using System.Security.Cryptography;
using HybridVote.Domain;

namespace HybridVote.Hosting;

/// <summary>Reads and creates the key files of <see cref="SecretKeys"/> (ARCHITECTURE §3).</summary>
public static class KeyFiles
{
    /// <summary>Loads the keys; fails fast with the name of a missing or short file.</summary>
    public static SecretKeys Load(string directory)
    {
        byte[] Read(string name)
        {
            string path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"key file {path} is missing (create development keys with: scripts/hv keys dev)");
            }

            byte[] key = Convert.FromBase64String(File.ReadAllText(path).Trim());
            return key.Length >= 32 ? key : throw new InvalidOperationException($"key file {path} holds fewer than 32 bytes");
        }

        var names = SecretKeys.FileNames;
        byte[]? previous = File.Exists(Path.Combine(directory, SecretKeys.PreviousKeyRingFile)) ? Read(SecretKeys.PreviousKeyRingFile) : null;
        return new SecretKeys(Read(names[0]), Read(names[1]), Read(names[2]), Read(names[3]), Read(names[4]), previous);
    }

    /// <summary>The private key (PEM, ECDSA P-256) that signs the exported results (EML 510, detached like the imports).</summary>
    public const string ResultsSigningFile = "results-signing.key.pem";

    /// <summary>The results signing key of the key directory, or null when there is none (exports then refuse with this file's name).</summary>
    public static ECDsa? LoadResultsSigningKey(string directory)
    {
        string path = Path.Combine(directory, ResultsSigningFile);
        if (!File.Exists(path))
        {
            return null;
        }

        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(path));
        return key;
    }

    /// <summary>Writes a fresh set of random development keys (mode 0600) unless they exist, and a results signing key.</summary>
    public static IReadOnlyList<string> CreateDevelopmentKeys(string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var name in SecretKeys.FileNames)
        {
            string path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                continue;
            }

            Private(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            written.Add(path);
        }

        string signing = Path.Combine(directory, ResultsSigningFile);
        if (!File.Exists(signing))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            Private(signing, key.ExportPkcs8PrivateKeyPem());
            written.Add(signing);
        }

        return written;
    }

    // A secret file readable by its owner only.
    private static void Private(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
