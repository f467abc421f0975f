using System.Globalization;
using System.Text;

namespace HybridVote.Domain;

/// <summary>
/// The count's progress in one constituency: how many counting bureaus, and how many of their
/// tally sheets stand in each state. Counts of bureaus only, never a figure of a sheet (FR012).
/// </summary>
public sealed record CountingProgressLine(string ElectionId, string ElectionName, string ContestId, string ContestName, long Bureaus, long NotStarted,
    long AwaitingFirst, long AwaitingSecond, long Differences, long Definitive, long Locked)
{
    /// <summary>The CSV header, in the order of <see cref="Csv"/>.</summary>
    public const string CsvHeader = "election,constituency,constituency_name,bureaus,not_started,first_entry,second_entry,differences,definitive,locked";

    /// <summary>The progress as CSV (RFC 4180, UTF-8, CRLF): a header, then one line per constituency.</summary>
    public static string Csv(IEnumerable<CountingProgressLine> lines)
    {
        var text = new StringBuilder(CsvHeader).Append("\r\n");
        foreach (var l in lines)
        {
            text.AppendJoin(',', Field(l.ElectionId), Field(l.ContestId), Field(l.ContestName), Number(l.Bureaus), Number(l.NotStarted), Number(l.AwaitingFirst),
                Number(l.AwaitingSecond), Number(l.Differences), Number(l.Definitive), Number(l.Locked)).Append("\r\n");
        }

        return text.ToString();
    }

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    // A field quoted when it holds a comma, a quote or a line break; a leading =, +, - or @ is
    // prefixed with a quote so a spreadsheet never runs it as a formula.
    private static string Field(string value)
    {
        string safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return safe.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
