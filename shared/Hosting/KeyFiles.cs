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

    /// <summary>Writes a fresh set of random development keys (mode 0600) unless they exist.</summary>
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

            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            written.Add(path);
        }

        return written;
    }
}
