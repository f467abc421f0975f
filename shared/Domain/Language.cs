namespace HybridVote.Domain;

/// <summary>The three national languages (TR006).</summary>
public enum Language
{
    /// <summary>French.</summary>
    Fr,

    /// <summary>Dutch.</summary>
    Nl,

    /// <summary>German.</summary>
    De,
}

/// <summary>Parsing helpers for <see cref="Language"/>.</summary>
public static class Languages
{
    /// <summary>Reads "fr", "nl", "de" (any case, also "fr-BE" forms); anything else is French.</summary>
    public static Language Parse(string? code) => (code ?? string.Empty).Trim().ToLowerInvariant() switch
    {
        var c when c.StartsWith("nl", StringComparison.Ordinal) => Language.Nl,
        var c when c.StartsWith("de", StringComparison.Ordinal) => Language.De,
        _ => Language.Fr,
    };

    /// <summary>The lower-case two-letter code.</summary>
    public static string Code(this Language language) => language.ToString().ToLowerInvariant();
}
