using HybridVote.Ballots;
using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Localization;
using HybridVote.Pages;
using HybridVote.Storage;

namespace HybridVote.BallotRender;

/// <summary>
/// Serves blank ballots — rendered once per election, constituency, language(s) and version of the
/// candidate lists, stored in PostgreSQL and kept in an in-process LRU — and renders labels and
/// instruction sheets per request (ARCHITECTURE §4).
/// </summary>
public sealed class BallotService(VoterStore voters, ElectionStore elections, BallotPdfStore stored, Sealer sealer, TimeProvider clock)
{
    /// <summary>How long a cached ballot is served before its lists version is checked again.</summary>
    public static readonly TimeSpan Revalidate = TimeSpan.FromSeconds(5);

    private readonly LruCache<string, (StoredBallot Ballot, DateTimeOffset CheckedAt)> cache = new(256);
    private readonly SingleFlight<BallotPdf?> rendering = new();

    /// <summary>The blank ballot, or null when the election or constituency does not exist.</summary>
    public async Task<BallotPdf?> BlankAsync(string electionId, string contestId, IReadOnlyList<Language> languages, CancellationToken ct)
    {
        string langs = BallotLanguages.Format(languages);
        string key = $"{electionId}/{contestId}/{langs}";
        var now = clock.GetUtcNow();
        if (cache.TryGet(key, out var hit) && now - hit.CheckedAt < Revalidate)
        {
            return new BallotPdf.Rendered(hit.Ballot.Pdf, hit.Ballot.Sheets);
        }

        int? version = await stored.ListsVersionAsync(electionId, contestId, ct);
        if (version is null)
        {
            return null;
        }

        var current = hit.Ballot?.ListsVersion == version ? hit.Ballot : await stored.GetAsync(electionId, contestId, langs, ct);
        if (current?.ListsVersion == version)
        {
            cache.Set(key, (current, now));
            return new BallotPdf.Rendered(current.Pdf, current.Sheets);
        }

        // One render per key and version, however many requests arrive meanwhile.
        var result = await rendering.RunAsync($"{key}@{version}", () => RenderAndStoreAsync(electionId, contestId, languages, langs, version.Value), ct);
        if (result is BallotPdf.Rendered rendered)
        {
            cache.Set(key, (new StoredBallot(version.Value, rendered.Sheets, rendered.Pdf), now));
        }

        return result;
    }

    /// <summary>The blank ballot for the voter's constituency and language(s), or null when the voter is not in that election.</summary>
    public async Task<BallotPdf?> BallotForVoterAsync(byte[] voterKey, string electionId, CancellationToken ct)
    {
        var voter = await voters.FindAsync(voterKey, ct);
        var part = voter?.Elections.FirstOrDefault(p => p.ElectionId == electionId);
        var contest = part is null ? null : await elections.ContestAsync(electionId, part.ContestId, ct);
        return contest is null ? null : await BlankAsync(electionId, contest.Id, BallotLanguages.For(contest.Languages, voter!.Language), ct);
    }

    /// <summary>The lists of the voter's constituency as a page in <paramref name="frame"/>'s language, or null when the voter is not in that election.</summary>
    public async Task<ListsView?> ListsForVoterAsync(byte[] voterKey, string electionId, PageFrame frame, CancellationToken ct)
    {
        var voter = await voters.FindAsync(voterKey, ct);
        var part = voter?.Elections.FirstOrDefault(p => p.ElectionId == electionId);
        var election = part is null ? null : await elections.ElectionAsync(electionId, ct);
        var contest = part is null ? null : await elections.ContestAsync(electionId, part.ContestId, ct);
        return election is null || contest is null ? null : new ListsView(frame, election.NameIn(frame.Language),
            contest.NameIn(BallotLanguages.For(contest.Languages, voter!.Language)), await elections.ListsAsync(electionId, contest.Id, ct));
    }

    /// <summary>The voter's label in their chosen language, or null before the first print (no label token yet).</summary>
    public async Task<byte[]?> LabelForVoterAsync(byte[] voterKey, string electionId, Language language, CancellationToken ct)
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
            election?.NameIn(language) ?? electionId, sealer.Open(sealedToken, VoterStore.LabelContext(electionId)), language);
        return LabelRenderer.Render(view);
    }

    /// <summary>The instruction sheet in the voter's chosen language, or null when the voter is not in that election.</summary>
    public async Task<byte[]?> InstructionsForVoterAsync(byte[] voterKey, string electionId, Language language, CancellationToken ct)
    {
        var voter = await voters.FindAsync(voterKey, ct);
        var election = await elections.ElectionAsync(electionId, ct);
        if (voter is null || election is null || voter.Elections.All(p => p.ElectionId != electionId))
        {
            return null;
        }

        var (c, n) = (election.Calendar, election.Notice);
        return InstructionRenderer.Render(new InstructionView(language, election.NameIn(language), BrusselsTime.DateTime(c.IssueUntil), BrusselsTime.Date(n.PostBy),
            BrusselsTime.Date(BrusselsTime.Day(c.InPersonClose)), n.Prepaid, n.HelpContact));
    }

    private async Task<BallotPdf?> RenderAndStoreAsync(string electionId, string contestId, IReadOnlyList<Language> languages, string langs, int version)
    {
        var election = await elections.ElectionAsync(electionId, CancellationToken.None);
        var contest = await elections.ContestAsync(electionId, contestId, CancellationToken.None);
        if (election is null || contest is null)
        {
            return null;
        }

        var lists = await elections.ListsAsync(electionId, contestId, CancellationToken.None);
        var day = BrusselsTime.Day(election.Calendar.InPersonClose);
        var result = BallotRenderer.Render(new BallotView(election.NameIn(languages), contest.NameIn(languages), day, languages, lists));
        if (result is BallotPdf.Rendered rendered)
        {
            await stored.PutAsync(electionId, contestId, langs, new StoredBallot(version, rendered.Sheets, rendered.Pdf), CancellationToken.None);
        }

        return result;
    }
}
