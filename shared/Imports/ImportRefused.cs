using HybridVote.Storage;

namespace HybridVote.Imports;

/// <summary>
/// A numbered semantic error found while loading a file (docs/eml-profile.md); the load's
/// transaction is rolled back, so nothing of the file is visible. Messages never carry a national
/// number or a name: they point to the file and line.
/// </summary>
public sealed class ImportRefused(string code, int line, string message, string? file = null)
    : Exception($"{code}{(string.IsNullOrEmpty(file) ? string.Empty : " " + file)}{(line > 0 ? $" line {line}" : string.Empty)}: {message}")
{
    /// <summary>The error code (E102…).</summary>
    public string Code { get; } = code;

    /// <summary>The line in the file, or 0 when the error is not tied to one line.</summary>
    public int Line { get; } = line;

    /// <summary>The file, when known.</summary>
    public string? File { get; } = file;
}
