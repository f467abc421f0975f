using System.Collections.Concurrent;
using HybridVote.Ballots;
using HybridVote.Domain;
using HybridVote.Storage;

namespace HybridVote.BallotRender;

/// <summary>
/// Serves the blank ballot (rendered once per election, constituency and language and kept in
/// memory) and renders the personal label per request (ARCHITECTURE §4).
/// </summary>
public sealed class BallotService(VoterStore voters, ElectionStore elections, Sealer sealer)
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
    private readonly ConcurrentDictionary<(string, string, Language), Lazy<Task<byte[]?>>> blanks = new();

    /// <summary>The blank ballot of a constituency in a language, or null when it does not exist.</summary>
    public async Task<byte[]?> BlankAsync(string electionId, string contestId, Language language, CancellationToken ct)
    {
        var key = (electionId, contestId, language);
        var entry = blanks.GetOrAdd(key, k => new Lazy<Task<byte[]?>>(() => RenderBlankAsync(k.Item1, k.Item2, k.Item3, CancellationToken.None)));
        try
        {
            var pdf = await entry.Value.WaitAsync(ct);
            if (pdf is null)
            {
                blanks.TryRemove(key, out _);
            }

            return pdf;
        }
        catch (Exception) when (entry.Value.IsFaulted)
        {
            // A failed render (e.g. the database was unreachable) is not kept.
            blanks.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>The blank ballot for the voter's constituency and language, or null when the voter is not in that election.</summary>
    public async Task<byte[]?> BallotForVoterAsync(byte[] voterKey, string electionId, CancellationToken ct)
    {
        var voter = await voters.FindAsync(voterKey, ct);
        var part = voter?.Elections.FirstOrDefault(p => p.ElectionId == electionId);
        if (voter is null || part is null)
        {
            return null;
        }

        var contest = await elections.ContestAsync(electionId, part.ContestId, ct);
        return contest is null ? null : await BlankAsync(electionId, part.ContestId, BallotLanguage(contest.Languages, voter.Language), ct);
    }

    /// <summary>The voter's label, or null before the first print (no label token yet).</summary>
    public async Task<byte[]?> LabelForVoterAsync(byte[] voterKey, string electionId, CancellationToken ct)
    {
        var voter = await voters.FindAsync(voterKey, ct);
        var part = voter?.Elections.FirstOrDefault(p => p.ElectionId == electionId);
        var sealedToken = part is null ? null : await voters.SealedLabelTokenAsync(voterKey, electionId, ct);
        if (voter is null || part is null || sealedToken is null)
        {
            return null;
        }

        var election = await elections.ElectionAsync(electionId, ct);
        var contest = await elections.ContestAsync(electionId, part.ContestId, ct);
        var bureau = contest?.MainBureauId is null ? null : await elections.BureauAsync(contest.MainBureauId, ct);
        var view = new LabelView(sealer.Open(voter.NameSealed, VoterStore.NameContext(voterKey)), bureau?.Name ?? string.Empty, bureau?.Address ?? string.Empty,
            election?.Name ?? electionId, sealer.Open(sealedToken, VoterStore.LabelContext(electionId)), voter.Language);
        return LabelRenderer.Render(view);
    }

    /// <summary>The ballot language: the voter's when the constituency has it (BR005), else the constituency's first.</summary>
    public static Language BallotLanguage(string contestLanguages, Language voterLanguage)
    {
        var available = contestLanguages.Split('+').Select(Languages.Parse).ToList();
        return available.Contains(voterLanguage) ? voterLanguage : available[0];
    }

    private async Task<byte[]?> RenderBlankAsync(string electionId, string contestId, Language language, CancellationToken ct)
    {
        var election = await elections.ElectionAsync(electionId, ct);
        var contest = await elections.ContestAsync(electionId, contestId, ct);
        if (election is null || contest is null)
        {
            return null;
        }

        var lists = await elections.ListsAsync(electionId, contestId, ct);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(election.Calendar.InPersonClose, Brussels).DateTime);
        return BallotRenderer.Render(new BallotView(election.Name, contest.Name, day, language, lists));
    }
}
