using System.Reflection;
using System.Security.Cryptography;

namespace HybridVote.Cli;

/// <summary>
/// <c>hv version</c> (SEC010): the version with the commit it was built from (the SDK writes it into
/// the informational version), and the SHA-256 of every HybridVote assembly in hv's directory, to
/// compare with the SHA256SUMS of an image and the hashes in its SBOM.
/// </summary>
public static class ReleaseInfo
{
    /// <summary>Prints the version, the commit and one "sha256  file" line per assembly; returns 0.</summary>
    public static int Print(TextWriter output)
    {
        string informational = typeof(ReleaseInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        int plus = informational.IndexOf('+', StringComparison.Ordinal);
        output.WriteLine($"hv {(plus < 0 ? informational : informational[..plus])}");
        output.WriteLine($"commit {(plus < 0 ? "unknown" : informational[(plus + 1)..])}");
        string dir = AppContext.BaseDirectory;
        foreach (var file in Directory.EnumerateFiles(dir, "*.dll").Where(f => Path.GetFileName(f) is var n && (n.StartsWith("HybridVote.", StringComparison.Ordinal) || n == "hv.dll"))
            .Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(file);
            output.WriteLine($"{Convert.ToHexStringLower(SHA256.HashData(stream))}  {Path.GetFileName(file)}");
        }

        return 0;
    }
}
