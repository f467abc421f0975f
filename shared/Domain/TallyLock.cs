using System.Security.Cryptography;
using System.Text;

namespace HybridVote.Domain;

/// <summary>Why a president may not lock a bureau's tally sheet yet.</summary>
public enum LockRefusal
{
    /// <summary>The double entry is not definitive.</summary>
    NotDefinitive = 1,

    /// <summary>An error check (F.xxx) does not pass: the sheet must be corrected.</summary>
    Errors = 2,

    /// <summary>A warning (W.xxx) has no typed explanation.</summary>
    WarningsUnexplained = 3,

    /// <summary>The sheet is already locked.</summary>
    AlreadyLocked = 4,
}

/// <summary>
/// The president's lock of a tally sheet (REQUIREMENTS §6): allowed once the sheet is definitive,
/// no error check fails and every warning is explained; it freezes a canonical snapshot whose
/// SHA-256 is recorded. Pure.
/// </summary>
public static class TallyLock
{
    /// <summary>Why the sheet may not be locked, or null when it may.</summary>
    public static LockRefusal? Refusal(DoubleEntry entry, IReadOnlyList<CheckFinding> findings, IReadOnlyDictionary<string, string> explanations, bool locked)
    {
        if (locked)
        {
            return LockRefusal.AlreadyLocked;
        }

        if (entry.State != EntryState.Definitive)
        {
            return LockRefusal.NotDefinitive;
        }

        if (findings.Any(f => f.Severity == CheckSeverity.Error))
        {
            return LockRefusal.Errors;
        }

        return findings.Any(f => f.Severity == CheckSeverity.Warning && string.IsNullOrWhiteSpace(explanations.GetValueOrDefault(f.Code)))
            ? LockRefusal.WarningsUnexplained
            : null;
    }

    /// <summary>
    /// The canonical text of a locked sheet: one line <c>field=value</c> per field in the layout's
    /// order, then one line <c>code: explanation</c> per explained warning in code order (UTF-8, LF).
    /// </summary>
    public static string Canonical(TallySheet sheet, TallyLayout layout, IReadOnlyDictionary<string, string> explanations)
    {
        var text = new StringBuilder();
        foreach (string field in layout.Fields)
        {
            text.Append(field).Append('=').Append(sheet[field].ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        foreach (var (code, explanation) in explanations.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(code).Append(": ").Append(explanation.ReplaceLineEndings(" ").Trim()).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The SHA-256 (lower-case hex) of the canonical text.</summary>
    public static string Hash(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
}
