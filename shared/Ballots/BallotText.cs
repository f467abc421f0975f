using System.Globalization;
using HybridVote.Domain;
using HybridVote.Localization;
using Microsoft.Extensions.Localization;

namespace HybridVote.Ballots;

/// <summary>
/// Fixed text printed on ballots, labels and instructions, from <c>Resources/BallotStrings*.resx</c>
/// through the project's one localisation system (<see cref="LocalizedText"/>) — no strings in code (TR006).
/// </summary>
internal static class BallotText
{
    private static readonly IStringLocalizer Strings = LocalizedText.For<Resources.BallotStrings>();

    /// <summary>The text <paramref name="id"/> in one language.</summary>
    public static string Get(string id, Language language) => Strings.In(language, id);

    /// <summary>The text in every language of a bilingual ballot, joined with " / ".</summary>
    public static string Get(string id, IReadOnlyList<Language> languages) => string.Join(" / ", languages.Select(l => Get(id, l)));

    /// <summary>The text with its placeholders filled, in every language given.</summary>
    public static string Format(string id, IReadOnlyList<Language> languages, params object[] args) =>
        string.Join(" / ", languages.Select(l => string.Format(CultureInfo.InvariantCulture, Get(id, l), args)));
}
