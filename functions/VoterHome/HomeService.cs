using HybridVote.Hosting;
using HybridVote.Pages;
using HybridVote.Storage;

namespace HybridVote.VoterHome;

/// <summary>What the home page shows: the welcome, "not on the list", or the voter's elections (FR005).</summary>
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
        var nameOf = await elections.NamesInAsync(frame.Language, ct);
        var names = (voter?.Elections ?? []).Select(p => nameOf(p.ElectionId)).ToList();
        return new HomeView(frame, session.GivenName, true, names);
    }
}
