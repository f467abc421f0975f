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

    /// <summary>Some K-codes were registered twice and the president has not yet confirmed or struck them: the register is not reconciled.</summary>
    CopiesUndecided = 5,
}

/// <summary>
/// The president's lock of a tally sheet (REQUIREMENTS §6): allowed once the sheet is definitive,
/// the register is reconciled (no copy undecided), no error check fails and every warning is explained; it freezes a canonical snapshot whose
/// SHA-256 is recorded. Pure.
/// </summary>
public static class TallyLock
{
    /// <summary>Why the sheet may not be locked, or null when it may.</summary>
    public static LockRefusal? Refusal(DoubleEntry entry, IReadOnlyList<CheckFinding> findings, IReadOnlyDictionary<string, string> explanations, bool locked, long undecidedCopies = 0)
    {
        if (locked)
        {
            return LockRefusal.AlreadyLocked;
        }

        if (entry.State != EntryState.Definitive)
        {
            return LockRefusal.NotDefinitive;
        }

        if (undecidedCopies > 0)
        {
            return LockRefusal.CopiesUndecided;
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

    /// <summary>The sheet a canonical text describes (its field lines; the explanations are not figures).</summary>
    public static TallySheet Parse(string canonical, TallyLayout layout)
    {
        var fields = layout.Fields.ToHashSet(StringComparer.Ordinal);
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string line in canonical.Split('\n'))
        {
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && fields.Contains(line[..eq]) && long.TryParse(line[(eq + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long v))
            {
                values[line[..eq]] = v;
            }
        }

        return new TallySheet(values);
    }

    /// <summary>The president's explanations a canonical text records, by check code (the lines after the fields).</summary>
    public static IReadOnlyDictionary<string, string> Explanations(string canonical)
    {
        var explanations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in canonical.Split('\n'))
        {
            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0 && line.IndexOf('=', StringComparison.Ordinal) is var eq && (eq < 0 || eq > colon))
            {
                explanations[line[..colon]] = line[(colon + 2)..];
            }
        }

        return explanations;
    }

    /// <summary>The SHA-256 (lower-case hex) of the canonical text.</summary>
    public static string Hash(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
}
