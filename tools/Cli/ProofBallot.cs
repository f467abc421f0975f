using System.Globalization;
using HybridVote.Ballots;
using HybridVote.Domain;
using HybridVote.Eml;
using HybridVote.Localization;

namespace HybridVote.Cli;

/// <summary>
/// <c>hv proof-ballot</c>: renders the ballot of one constituency from any EML 230 file so the
/// organiser can proof it before the election. Files are not signature-checked here, so every
/// proof carries a visible PROOF mark and can never pass for a real ballot.
/// </summary>
public static class ProofBallot
{
    /// <summary>Runs the command; needs no database.</summary>
    public static int Run(ProofOptions options)
    {
        var (file, contest, output) = (options.Candidates, options.Contest, options.Output);
        var languages = BallotLanguages.Parse(options.Language);
        List<CandidateListDefinition> lists;
        using (var stream = File.OpenRead(file))
        {
            lists = EmlReader.ReadCandidateLists(stream).Where(l => l.ContestId == contest).ToList();
        }

        if (lists.Count == 0)
        {
            Console.Error.WriteLine($"hv: {file} has no lists for constituency {contest}");
            return 1;
        }

        // Names and the election day come from the EML 110 (in the ballot's language), unless given.
        ElectionDefinition? election = null;
        if (options.ElectionEvent is { } eventFile)
        {
            using var stream = File.OpenRead(eventFile);
            election = EmlReader.ReadElectionEvent(stream).FirstOrDefault(e => e.Id == lists[0].ElectionId);
            if (election is null)
            {
                Console.Error.WriteLine($"hv: {eventFile} has no election {lists[0].ElectionId}");
                return 1;
            }
        }

        var definition = election?.Contests.FirstOrDefault(c => c.Id == contest);
        DateOnly? date = options.Date ?? (election is null ? null : BrusselsTime.Day(election.Calendar.InPersonClose));
        if (date is null)
        {
            Console.Error.WriteLine("hv: give --election-event FILE (the EML 110, for the names and the election day) or --date YYYY-MM-DD");
            return 2;
        }

        string electionName = options.ElectionName ?? (election is null ? lists[0].ElectionId : (election.Names ?? LocalNames.None).In(languages, election.Name));
        string contestName = options.ContestName ?? (definition is null ? contest : (definition.Names ?? LocalNames.None).In(languages, definition.Name));
        var view = new BallotView(electionName, contestName, date.Value, languages, lists, Proof: true);
        switch (BallotRenderer.Render(view))
        {
            case BallotPdf.Rendered rendered:
                File.WriteAllBytes(output, rendered.Pdf);
                Console.WriteLine($"{output}: {rendered.Sheets} sheet(s), {lists.Count} lists, {lists.Sum(l => l.Effective.Count + l.Substitutes.Count)} candidates (PROOF)");
                return 0;
            case BallotPdf.CannotFit cannot:
                foreach (var list in cannot.Lists)
                {
                    Console.Error.WriteLine($"hv: list {list.ListNumber} ({list.Candidates} candidates) needs {list.NeededHeight:0} pt but a sheet offers {list.AvailableHeight:0} pt even across the full width; see docs/ballots.md");
                }

                return 1;
            default:
                throw new InvalidOperationException("unknown render outcome");
        }
    }
}

/// <summary>What <c>hv proof-ballot</c> was given.</summary>
public sealed record ProofOptions(string Candidates, string Contest, string Output, string Language, string? ElectionName, string? ContestName, DateOnly? Date, string? ElectionEvent = null);
