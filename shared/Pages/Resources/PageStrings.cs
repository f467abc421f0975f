namespace HybridVote.Pages.Resources;

/// <summary>Names the page resources (<c>PageStrings*.resx</c>) for the localizer.</summary>
internal sealed class PageStrings
{
    private PageStrings()
    {
    }
}
