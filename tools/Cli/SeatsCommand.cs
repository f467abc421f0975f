using System.Globalization;
using HybridVote.ElectionResults;

namespace HybridVote.Cli;

/// <summary>
/// <c>hv seats --seats N --threshold PERCENT --votes FILE.csv</c>: D'Hondt on a votes file
/// (<see cref="SeatAllocation"/>). Prints one line <c>&lt;list&gt; &lt;seats&gt;</c> per list in the
/// file's order, then the step table; exit 0. A malformed or unreadable file: a sentence naming the
/// line, exit 2. A tie the list totals cannot settle: said, exit 1.
/// </summary>
public static class SeatsCommand
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(int seats, int threshold, string votesFile, TextWriter output, TextWriter error)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(votesFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{votesFile} cannot be read: {e.Message}");
            return 2;
        }

        var (lists, problem) = SeatsFile.Read(lines);
        if (lists is null)
        {
            error.WriteLine($"{votesFile}, {problem}");
            return 2;
        }

        switch (SeatAllocation.DHondt(lists, seats, threshold))
        {
            case SeatOutcome.Allocated allocated:
                foreach (var (list, n) in allocated.Seats)
                {
                    output.WriteLine($"{list} {n.ToString(CultureInfo.InvariantCulture)}");
                }

                output.WriteLine();
                output.WriteLine($"# D'Hondt, {seats} seats, threshold {threshold} % of {lists.Sum(l => l.Votes).ToString(CultureInfo.InvariantCulture)} valid votes");
                foreach (string below in allocated.BelowThreshold)
                {
                    output.WriteLine($"# under the threshold: {below}");
                }

                foreach (var step in allocated.Steps)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# seat {step.Seat}: {step.List} with {step.Votes} / {step.Divisor} = {(decimal)step.Votes / step.Divisor:F2}"));
                }

                return 0;
            case SeatOutcome.Tied tied:
                error.WriteLine($"seat {tied.Seat}: lists {string.Join(", ", tied.Lists)} have the same quotient and the same votes; the law decides by the candidates' votes and age, which this file does not hold");
                return 1;
            default:
                return 1;
        }
    }
}
