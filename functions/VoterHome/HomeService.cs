using HybridVote.Hosting;
using HybridVote.Localization;
using HybridVote.Pages;
using HybridVote.Storage;

namespace HybridVote.VoterHome;

/// <summary>What the home page shows: the welcome, "not on the list", or the voter's elections with their dates (FR005).</summary>
public sealed class HomeService(VoterStore voters, ElectionStore elections)
{
    /// <summary>The home page's view model for the session (null: not logged in).</summary>
    public async Task<HomeView> ViewAsync(PageFrame frame, VoterSession? session, CancellationToken ct)
    {
        if (session is null || !session.Eligible)
        {
            return new HomeView(frame, session?.GivenName, false, []);
        }

        var voter = await voters.FindAsync(session.VoterKey!, ct);
        var all = (await elections.ElectionsAsync(ct)).ToDictionary(e => e.Id);
        var lines = (voter?.Elections ?? []).Where(p => all.ContainsKey(p.ElectionId)).Select(p =>
        {
            var e = all[p.ElectionId];
            return new HomeElection(e.NameIn(frame.Language), e.Calendar.IssueFrom, e.Calendar.IssueUntil, e.Notice.PostBy, BrusselsTime.Day(e.Calendar.InPersonClose),
                e.Notice.Prepaid, e.Notice.HelpContact, p.LastPrintedAt, p.PrintCount);
        }).ToList();
        return new HomeView(frame, session.GivenName, true, lines);
    }
}
