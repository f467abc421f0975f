namespace HybridVote.Domain;

/// <summary>A fixed text in the three national languages (TR006).</summary>
public sealed record Trilingual(string Fr, string Nl, string De)
{
    /// <summary>The text in <paramref name="language"/>.</summary>
    public string In(Language language) => language switch
    {
        Language.Nl => Nl,
        Language.De => De,
        _ => Fr,
    };

    /// <summary>The text in <paramref name="language"/> with its placeholders filled.</summary>
    public string Format(Language language, params object[] args) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, In(language), args);
}
