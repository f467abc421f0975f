using System.Text;
using System.Text.Json;

namespace HybridVote.Domain;

/// <summary>
/// The name of an election or a constituency in each language the EML 110 gives one for
/// (<c>be:Name xml:lang</c>). A ballot, a label or a page shows the name in its own language and,
/// where the file gives none, the EML's one name (TR006, BR005).
/// </summary>
public sealed class LocalNames : IEquatable<LocalNames>
{
    private readonly SortedDictionary<Language, string> names;

    /// <summary>Names by language; blank names are left out, each is NFC-normalised.</summary>
    public LocalNames(IEnumerable<KeyValuePair<Language, string>> names) =>
        this.names = new(names.Where(n => !string.IsNullOrWhiteSpace(n.Value)).ToDictionary(n => n.Key, n => n.Value.Trim().Normalize(NormalizationForm.FormC)));

    /// <summary>A name in each national language.</summary>
    public static LocalNames Of(string fr, string nl, string de) =>
        new([KeyValuePair.Create(Language.Fr, fr), KeyValuePair.Create(Language.Nl, nl), KeyValuePair.Create(Language.De, de)]);

    /// <summary>No name per language.</summary>
    public static LocalNames None { get; } = new([]);

    /// <summary>The languages a name is given in.</summary>
    public IReadOnlyCollection<Language> Languages => names.Keys;

    /// <summary>The name in <paramref name="language"/>, else <paramref name="fallback"/>.</summary>
    public string In(Language language, string fallback) => names.TryGetValue(language, out var name) ? name : fallback;

    /// <summary>The name in each of a ballot's languages, joined with " / " (once where they are the same).</summary>
    public string In(IReadOnlyList<Language> languages, string fallback) => string.Join(" / ", languages.Select(l => In(l, fallback)).Distinct());

    /// <inheritdoc />
    public bool Equals(LocalNames? other) => other is not null && names.SequenceEqual(other.names);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LocalNames);

    /// <inheritdoc />
    public override int GetHashCode() => names.Aggregate(0, (h, n) => HashCode.Combine(h, n.Key, n.Value));

    /// <summary>As stored: a JSON object from language code to name.</summary>
    public string ToJson() => JsonSerializer.Serialize(names.ToDictionary(n => n.Key.Code(), n => n.Value));

    /// <summary>Reads <see cref="ToJson"/>'s form; null or empty gives <see cref="None"/>.</summary>
    public static LocalNames FromJson(string? json) => string.IsNullOrEmpty(json)
        ? None
        : new(JsonSerializer.Deserialize<Dictionary<string, string>>(json)!.Select(n => KeyValuePair.Create(HybridVote.Domain.Languages.Parse(n.Key), n.Value)));
}
