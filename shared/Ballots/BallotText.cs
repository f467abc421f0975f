using System.Globalization;
using System.Resources;
using HybridVote.Domain;

namespace HybridVote.Ballots;

/// <summary>
/// Fixed text printed on ballots, labels and instructions, from the resource files in
/// <c>Resources/</c> (French neutral, Dutch and German satellites) — no strings in code (TR006).
/// </summary>
public static class BallotText
{
    private static readonly ResourceManager Resources = new("HybridVote.Ballots.Resources.BallotStrings", typeof(BallotText).Assembly);

    /// <summary>The text <paramref name="id"/> in one language.</summary>
    public static string Get(string id, Language language) =>
        Resources.GetString(id, CultureInfo.GetCultureInfo(language.Code())) ?? throw new KeyNotFoundException($"no ballot text '{id}'");

    /// <summary>The text in every language of a bilingual ballot, joined with " / ".</summary>
    public static string Get(string id, IReadOnlyList<Language> languages) => string.Join(" / ", languages.Select(l => Get(id, l)));

    /// <summary>The text with its placeholders filled, in every language given.</summary>
    public static string Format(string id, IReadOnlyList<Language> languages, params object[] args) =>
        string.Join(" / ", languages.Select(l => string.Format(CultureInfo.InvariantCulture, Get(id, l), args)));
}
