namespace HybridVote.Ballots.Resources;

/// <summary>Names the ballot resources (<c>BallotStrings*.resx</c>) for <see cref="Localization.LocalizedText"/>.</summary>
internal sealed class BallotStrings
{
    private BallotStrings()
    {
    }
}
