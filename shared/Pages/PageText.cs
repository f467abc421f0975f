using HybridVote.Domain;
using HybridVote.Localization;
using Microsoft.Extensions.Localization;

namespace HybridVote.Pages;

/// <summary>The fixed text of the pages, from <c>Resources/PageStrings*.resx</c> (TR006; FR004: plain words).</summary>
internal static class PageText
{
    private static readonly IStringLocalizer Strings = LocalizedText.For<Resources.PageStrings>();

    /// <summary>The text <paramref name="key"/> in <paramref name="language"/>, placeholders filled.</summary>
    public static string Get(Language language, string key, params object[] args) => Strings.In(language, key, args);

    /// <summary>The words for people of a reject reason (its stable code is <see cref="RejectReasons.Code"/>).</summary>
    public static string Reason(Language language, RejectReason reason) => Get(language, "reject-" + reason.Code());

    /// <summary>Every key of the page texts (tests check each exists in every language).</summary>
    public static IEnumerable<string> Keys() => Strings.GetAllStrings(includeParentCultures: false).Select(s => s.Name);
}
