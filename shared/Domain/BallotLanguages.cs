namespace HybridVote.Domain;

/// <summary>Which language(s) a ballot is printed in (TR006, BR005).</summary>
public static class BallotLanguages
{
    /// <summary>
    /// The ballot language(s) of a voter: a constituency marked "fr+nl" (Brussels) prints both; "nl|fr"
    /// (a language-facility commune) prints the voter's language when it is one of them; otherwise
    /// the constituency's first language.
    /// </summary>
    public static IReadOnlyList<Language> For(string contestLanguages, Language voterLanguage)
    {
        if (contestLanguages.Contains('+', StringComparison.Ordinal))
        {
            return Parse(contestLanguages);
        }

        var available = contestLanguages.Split('|').Select(Languages.Parse).ToList();
        return [available.Contains(voterLanguage) ? voterLanguage : available[0]];
    }

    /// <summary>The languages of a bilingual form such as "fr+nl", each once, in the order given.</summary>
    public static IReadOnlyList<Language> Parse(string languages) => languages.Split('+').Select(Languages.Parse).Distinct().ToList();

    /// <summary>The form of a language list used in cache keys and URLs ("fr+nl").</summary>
    public static string Format(IEnumerable<Language> languages) => string.Join('+', languages.Select(l => l.Code()));
}
