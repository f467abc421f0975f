using System.Globalization;

namespace HybridVote.Domain;

/// <summary>The cells of the CSV files people open in a spreadsheet (RFC 4180).</summary>
public static class CsvText
{
    /// <summary>A whole number, invariant.</summary>
    public static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A text cell, quoted when it holds a comma, a quote or a line break; a leading =, +, - or @ is
    /// prefixed with a quote so a spreadsheet never runs it as a formula.
    /// </summary>
    public static string Field(string value)
    {
        string safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return safe.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
