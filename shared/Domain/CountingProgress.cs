using System.Text;

namespace HybridVote.Domain;

/// <summary>
/// The count's progress in one constituency: how many counting bureaus, and how many of their
/// tally sheets stand in each state, and how many definitive sheets not yet locked raise a warning the
/// president will have to explain. Counts of bureaus only, never a figure of a sheet (FR012).
/// </summary>
public sealed record CountingProgressLine(string ElectionId, string ElectionName, string ContestId, string ContestName, long Bureaus, long NotStarted,
    long AwaitingFirst, long AwaitingSecond, long Differences, long Definitive, long Locked, long WarningsOpen = 0)
{
    /// <summary>The CSV header, in the order of <see cref="Csv"/>.</summary>
    public const string CsvHeader = "election,constituency,constituency_name,bureaus,not_started,first_entry,second_entry,differences,definitive,locked,warnings_open";

    /// <summary>The progress as CSV (RFC 4180, UTF-8, CRLF): a header, then one line per constituency.</summary>
    public static string Csv(IEnumerable<CountingProgressLine> lines)
    {
        var text = new StringBuilder(CsvHeader).Append("\r\n");
        foreach (var l in lines)
        {
            text.AppendJoin(',', CsvText.Field(l.ElectionId), CsvText.Field(l.ContestId), CsvText.Field(l.ContestName), CsvText.Number(l.Bureaus), CsvText.Number(l.NotStarted),
                CsvText.Number(l.AwaitingFirst), CsvText.Number(l.AwaitingSecond), CsvText.Number(l.Differences), CsvText.Number(l.Definitive), CsvText.Number(l.Locked), CsvText.Number(l.WarningsOpen)).Append("\r\n");
        }

        return text.ToString();
    }
}
